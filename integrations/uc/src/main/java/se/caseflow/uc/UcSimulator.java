package se.caseflow.uc;

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
import org.w3c.dom.Element;

/**
 * THE UC SIMULATOR, caseflow's one stand-in for UC's {@code ucOrders2}: a SOAP 1.1 server on the loopback interface
 * that reads requests as UC would (namespace-qualified {@code identityCheck} and {@code individualReport}, the
 * operation's {@code SOAPAction}, the customer block) and answers with replies shaped like the WSDL's
 * {@code ucReply}. It is not UC and its numbers are invented.
 *
 * <p>In the default mode (no {@code caseflow.uc.endpoint}) the application runs one ({@link UcConfiguration}) that
 * knows only Skatteverket's published test personnummer below and answers every other number with UC's "unknown
 * object" status. Tests and benchmarks start one of their own ({@link #forTests()}) that answers every well-formed
 * number as one person, counts every request per operation and object, and can be told to answer "unknown object",
 * send a malformed reply, fault, or hold a request without answering (timeouts and crashes).
 */
public final class UcSimulator implements AutoCloseable {

    static final String PATH = "/uc-simulator/ucOrders2";

    public static final String IDENTITY_CHECK = "identityCheck";
    public static final String INDIVIDUAL_REPORT = "individualReport";

    /** How the simulator answers an operation. */
    public enum Behaviour {
        ANSWER,
        NOT_FOUND,
        MALFORMED,
        FAULT,
        /** Never answers (until {@link #close()}); the caller's read timeout or a crash ends the call. */
        HOLD
    }

    /**
     * Who a number is, in UC's words: the W-terms of the replies. {@code registerStatus} is W08020 ({@code null}:
     * none), {@code remarks} 0 leaves the W611 group out as UC does.
     */
    public record TestPerson(
            String firstName,
            String surname,
            String risk,
            String recommendedCredit,
            String incomeThousands,
            int remarks,
            String remarksSum,
            int inquiries,
            String registerStatus) {}

    /** Skatteverket's published test personnummer (10-digit form) and the made-up UC data served for them. */
    static final Map<String, TestPerson> TEST_PERSONS = Map.of(
            // 19121212-1212 Tolvan Tolvansson, Skatteverket's best-known test person
            "1212121212", new TestPerson("Tolvan", "Tolvansson", "2,4 %", "150 000", "312", 0, "0", 1, null),
            // 19811218-9876, the worked example of Skatteverket's personnummer brochure (SKV 704)
            "8112189876", new TestPerson("Anna", "Andersson", "12,5 %", "40 000", "254", 1, "4 500", 3, null));

    /** Whom {@link #forTests()} makes of every number. */
    static final TestPerson EVERYONE =
            new TestPerson("Tolvan", "Tolvansson", "3,7 %", "200 000", "420", 2, "12\u00A0500", 4, null);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "uc-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, TestPerson> known;
    private final boolean answersEveryone;
    private volatile String risk = EVERYONE.risk();
    private volatile String registerStatus = EVERYONE.registerStatus();
    private volatile boolean remarksListed = true;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> soapActions = new CopyOnWriteArrayList<>();
    private final Map<String, List<Instant>> reportTimes = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);

    /** The default mode's simulator on {@code port} (0: any free port): Skatteverket's test personnummer only. */
    UcSimulator(int port) throws IOException {
        this(port, TEST_PERSONS, false);
    }

    private UcSimulator(int port, Map<String, TestPerson> known, boolean answersEveryone) throws IOException {
        this.known = known;
        this.answersEveryone = answersEveryone;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A simulator of a test's own on a free port: every well-formed number is {@link #EVERYONE}. */
    public static UcSimulator forTests() {
        try {
            return new UcSimulator(0, Map.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + PATH);
    }

    /** How later requests of {@code operation} ({@value #IDENTITY_CHECK}, {@value #INDIVIDUAL_REPORT}) are answered. */
    public UcSimulator behave(String operation, Behaviour behaviour) {
        behaviours.put(operation, behaviour);
        return this;
    }

    /** The W13111 text of later reports, e.g. {@code "12.5 percent"} to test an unexpected format. */
    public UcSimulator risk(String text) {
        requireAnswersEveryone();
        risk = text;
        return this;
    }

    /** The W08020 register status of later identity replies ({@code null}: none). */
    public UcSimulator personStatus(String code) {
        requireAnswersEveryone();
        registerStatus = code;
        return this;
    }

    /** Whether later reports list payment remarks (UC leaves the group out when there are none). */
    public UcSimulator remarks(boolean listed) {
        requireAnswersEveryone();
        remarksListed = listed;
        return this;
    }

    private void requireAnswersEveryone() {
        if (!answersEveryone) {
            throw new IllegalStateException("the default mode's simulator serves its test persons as they are");
        }
    }

    /** {@link #EVERYONE} as the test has told the simulator to describe them. */
    private TestPerson everyone() {
        return new TestPerson(
                EVERYONE.firstName(),
                EVERYONE.surname(),
                risk,
                EVERYONE.recommendedCredit(),
                EVERYONE.incomeThousands(),
                remarksListed ? EVERYONE.remarks() : 0,
                remarksListed ? EVERYONE.remarksSum() : "0",
                EVERYONE.inquiries(),
                registerStatus);
    }

    public int count(String operation) {
        AtomicInteger count = counts.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Requests of an operation for one 10-digit object reference. */
    public int count(String operation, String objectRef) {
        return count(operation + "/" + objectRef);
    }

    /** Every request body, in order of arrival. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The {@code SOAPAction} header of every request, in order of arrival. */
    public List<String> soapActions() {
        return List.copyOf(soapActions);
    }

    /** When each {@value #INDIVIDUAL_REPORT} request arrived, by 10-digit object reference. */
    public Map<String, List<Instant>> reportTimes() {
        Map<String, List<Instant>> copy = new TreeMap<>();
        reportTimes.forEach((ref, times) -> copy.put(ref, List.copyOf(times)));
        return copy;
    }

    /** Waits until a request is being held ({@link Behaviour#HOLD}). */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readNBytes(64 * 1024);
            }
            requests.add(new String(request, StandardCharsets.UTF_8));
            String soapAction = exchange.getRequestHeaders().getFirst("SOAPAction");
            soapActions.add(String.valueOf(soapAction));
            String reply;
            int status = 200;
            try {
                Request asked = read(soapAction, request);
                Behaviour behaviour = behaviours.getOrDefault(asked.operation(), Behaviour.ANSWER);
                if (behaviour == Behaviour.HOLD) {
                    held.countDown();
                    awaitRelease();
                    return;
                }
                if (behaviour == Behaviour.FAULT) {
                    status = 500;
                    reply = fault("soapenv:Server", "simulated fault");
                } else if (behaviour == Behaviour.MALFORMED) {
                    reply = "<soapenv:Envelope xmlns:soapenv=\"" + UcXml.SOAP_NS + "\"><soapenv:Body>"
                            + "<rep:ucReply xmlns:rep=\"" + UcXml.REPLY_NS + "\"><rep:status rep:result=\"ok\"/>";
                } else {
                    reply = answer(asked, behaviour == Behaviour.NOT_FOUND ? null : personOf(asked.objectRef()));
                }
            } catch (RuntimeException e) {
                status = 500;
                reply = fault("soapenv:Client", e.getMessage() == null ? "bad request" : e.getMessage());
            }
            byte[] body = UcXml.utf8(reply);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Request(String operation, String objectRef) {}

    /** The operation and object of a request as UC would read it, counted; a request UC would refuse throws. */
    private Request read(String soapAction, byte[] request) {
        Element body = UcXml.firstChild(UcXml.parse(request).getDocumentElement(), UcXml.SOAP_NS, "Body");
        Element operation = body == null ? null : UcXml.firstChild(body, UcXml.REQUEST_NS, IDENTITY_CHECK);
        boolean identity = operation != null;
        if (!identity) {
            operation = body == null ? null : UcXml.firstChild(body, UcXml.REQUEST_NS, INDIVIDUAL_REPORT);
        }
        if (operation == null) {
            throw new IllegalArgumentException("the simulator answers identityCheck and individualReport only");
        }
        String name = operation.getLocalName();
        counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        String expectedAction = "\"" + SoapTransport.ACTION_PREFIX + name + "\"";
        if (!expectedAction.equals(soapAction)) {
            throw new IllegalArgumentException("SOAPAction must be " + expectedAction);
        }
        Element customer = UcXml.firstChild(operation, UcXml.REQUEST_NS, "customer");
        if (customer == null || UcXml.firstChild(customer, UcXml.REQUEST_NS, "userId") == null) {
            throw new IllegalArgumentException("customer/userId missing");
        }
        String objectRef;
        if (identity) {
            objectRef = UcXml.attribute(operation, "identifier");
        } else {
            Element query = UcXml.firstChild(operation, UcXml.REQUEST_NS, "individualReportQuery");
            Element object = query == null ? null : UcXml.firstChild(query, UcXml.REQUEST_NS, "object");
            objectRef = object == null ? null : object.getTextContent();
        }
        objectRef = objectRef == null ? null : objectRef.strip().replace("-", "");
        if (objectRef != null) {
            counts.computeIfAbsent(name + "/" + objectRef, k -> new AtomicInteger())
                    .incrementAndGet();
            if (!identity) {
                reportTimes
                        .computeIfAbsent(objectRef, k -> new CopyOnWriteArrayList<>())
                        .add(Instant.now());
            }
        }
        return new Request(name, objectRef);
    }

    private TestPerson personOf(String objectRef) {
        if (objectRef == null) {
            return null;
        }
        TestPerson person = known.get(objectRef);
        return person == null && answersEveryone && objectRef.matches("\\d{10}") ? everyone() : person;
    }

    private static String answer(Request request, TestPerson person) {
        if (person == null) {
            return reply("<rep:status rep:result=\"error\"><rep:message rep:id=\"" + UcClient.UNKNOWN_OBJECT
                    + "\" rep:level=\"1\">Objektet finns inte (UC SIMULATOR)</rep:message></rep:status>");
        }
        StringBuilder groups = new StringBuilder();
        group(
                groups,
                "W080",
                "W08083",
                person.firstName() + " " + person.surname(),
                "W08084",
                person.surname(),
                "W08085",
                person.firstName(),
                "W08020",
                request.operation().equals(IDENTITY_CHECK) ? person.registerStatus() : null);
        if (request.operation().equals(INDIVIDUAL_REPORT)) {
            group(groups, "W131", "W13111", person.risk(), "W13106", person.recommendedCredit());
            group(groups, "W491", "W49122", person.incomeThousands());
            if (person.remarks() > 0) {
                group(groups, "W611", "W61109", Integer.toString(person.remarks()), "W61110", person.remarksSum());
            }
            group(groups, "W640", "W64001", Integer.toString(person.inquiries()));
        }
        return reply("<rep:status rep:result=\"ok\"/><rep:ucReport><rep:xmlReply><rep:reports rep:lang=\"swe\">"
                + "<rep:report rep:index=\"0\" rep:level=\"1\" rep:name=\"UC SIMULATOR\" rep:styp=\"SIM\">" + groups
                + "</rep:report></rep:reports></rep:xmlReply></rep:ucReport>");
    }

    /** A group of terms, id and value in turn; a term whose value is null is left out. */
    private static void group(StringBuilder out, String id, String... terms) {
        out.append("<rep:group rep:id=\"")
                .append(id)
                .append("\" rep:index=\"0\" rep:level=\"1\" rep:name=\"")
                .append(id)
                .append("\">");
        for (int i = 0; i < terms.length; i += 2) {
            if (terms[i + 1] != null) {
                out.append("<rep:term rep:id=\"")
                        .append(terms[i])
                        .append("\" rep:level=\"1\">")
                        .append(UcXml.escape(terms[i + 1]))
                        .append("</rep:term>");
            }
        }
        out.append("</rep:group>");
    }

    private static String reply(String content) {
        return envelope("<rep:ucReply xmlns:rep=\"" + UcXml.REPLY_NS + "\">" + content + "</rep:ucReply>");
    }

    private static String fault(String code, String text) {
        return envelope("<soapenv:Fault><faultcode>" + code + "</faultcode><faultstring>" + UcXml.escape(text)
                + "</faultstring></soapenv:Fault>");
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"" + UcXml.SOAP_NS
                + "\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
