package se.caseflow.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for UC's {@code ucOrders2} SOAP service on the loopback interface, for tests and benchmarks: it
 * answers {@code identityCheck} and {@code individualReport} with replies shaped like the WSDL's
 * {@code ucReply}, counts every request per operation, and can be told to answer "unknown object", send a
 * malformed reply, fault, or hold a request without answering (to test timeouts and crashes).
 */
public final class FakeUcServer implements AutoCloseable {

    public static final String REPLY_NS = "http://www.uc.se/schemas/ucOrderReply/";

    /** How the fake answers an operation. */
    public enum Behaviour {
        ANSWER,
        NOT_FOUND,
        MALFORMED,
        FAULT,
        /** Never answers (until {@link #close()}); the caller's read timeout or a crash ends the call. */
        HOLD
    }

    private static final Pattern OBJECT = Pattern.compile("(?:identifier=\"|<[a-zA-Z0-9]+:object>)(\\d{10})");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-uc");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> soapActions = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile String risk = "3,7 %";
    private volatile String personStatus = null;
    private volatile boolean remarks = true;
    private final Map<String, List<Instant>> reportTimes = new ConcurrentHashMap<>();

    private FakeUcServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/ucOrders2", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeUcServer start() {
        return new FakeUcServer(0);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ucOrders2");
    }

    public FakeUcServer behave(String operation, Behaviour behaviour) {
        behaviours.put(operation, behaviour);
        return this;
    }

    /** The W13111 text of later reports, e.g. {@code "12.5 percent"} to test an unexpected format. */
    public FakeUcServer risk(String text) {
        this.risk = text;
        return this;
    }

    /** The W08020 register status of later identity replies ({@code null}: none). */
    public FakeUcServer personStatus(String code) {
        this.personStatus = code;
        return this;
    }

    /** Whether later reports list payment remarks (UC leaves the group out when there are none). */
    public FakeUcServer remarks(boolean remarks) {
        this.remarks = remarks;
        return this;
    }

    /** When each {@code individualReport} request reached the fake, by 10-digit object reference. */
    public Map<String, List<Instant>> reportTimes() {
        Map<String, List<Instant>> copy = new TreeMap<>();
        reportTimes.forEach((ref, times) -> copy.put(ref, List.copyOf(times)));
        return copy;
    }

    public int count(String operation) {
        AtomicInteger count = counts.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Requests of an operation for one 10-digit object reference. */
    public int count(String operation, String objectRef) {
        return count(operation + "/" + objectRef);
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<String> soapActions() {
        return List.copyOf(soapActions);
    }

    /** Waits until a request is being held. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String operation = body.contains("identityCheck") ? "identityCheck" : "individualReport";
            counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            Matcher requested = OBJECT.matcher(body);
            if (requested.find()) {
                counts.computeIfAbsent(operation + "/" + requested.group(1), k -> new AtomicInteger())
                        .incrementAndGet();
                if (operation.equals("individualReport")) {
                    reportTimes
                            .computeIfAbsent(requested.group(1), k -> new CopyOnWriteArrayList<>())
                            .add(Instant.now());
                }
            }
            requests.add(body);
            soapActions.add(String.valueOf(exchange.getRequestHeaders().getFirst("SOAPAction")));
            Behaviour behaviour = behaviours.getOrDefault(operation, Behaviour.ANSWER);
            if (behaviour == Behaviour.HOLD) {
                held.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Matcher object = OBJECT.matcher(body);
            int status = 200;
            String reply;
            if (behaviour == Behaviour.FAULT) {
                status = 500;
                reply = envelope("<soapenv:Fault><faultcode>soapenv:Server</faultcode>"
                        + "<faultstring>fake fault</faultstring></soapenv:Fault>");
            } else if (behaviour == Behaviour.MALFORMED) {
                reply = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                        + "<ucReply xmlns=\"" + REPLY_NS + "\"><status result=\"ok\"/><ucReport>";
            } else if (behaviour == Behaviour.NOT_FOUND || !object.find()) {
                reply = ucReply("<status result=\"error\"><message id=\"101\" level=\"1\">Felaktigt objekt</message>"
                        + "</status>");
            } else if (operation.equals("identityCheck")) {
                reply = ucReply("<status result=\"ok\"/>"
                        + report(group(
                                "W080",
                                "W08083",
                                "Tolvan Tolvansson",
                                "W08084",
                                "Tolvansson",
                                "W08085",
                                "Tolvan",
                                "W08020",
                                personStatus)));
            } else {
                reply = ucReply("<status result=\"ok\"/>"
                        + report(group("W080", "W08084", "Tolvansson")
                                + group("W131", "W13111", risk, "W13106", "200 000")
                                + group("W491", "W49122", "420")
                                + (remarks ? group("W611", "W61109", "2", "W61110", "12\u00A0500") : "")
                                + group("W640", "W64001", "4")));
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String group(String id, String... terms) {
        StringBuilder out = new StringBuilder("<group id=\"" + id + "\" index=\"0\" level=\"1\" name=\"" + id + "\">");
        for (int i = 0; i < terms.length; i += 2) {
            if (terms[i + 1] != null) {
                out.append("<term id=\"")
                        .append(terms[i])
                        .append("\" level=\"1\">")
                        .append(terms[i + 1])
                        .append("</term>");
            }
        }
        return out.append("</group>").toString();
    }

    private static String report(String groups) {
        return "<ucReport><xmlReply><reports lang=\"swe\"><report index=\"0\" level=\"1\" name=\"fake\" styp=\"F\">"
                + groups + "</report></reports></xmlReply></ucReport>";
    }

    private static String ucReply(String content) {
        return envelope("<ucReply xmlns=\"" + REPLY_NS + "\">" + content + "</ucReply>");
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>" + body
                + "</soapenv:Body></soapenv:Envelope>";
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
