package se.caseflow.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local HTTP server speaking the part of Twilio's REST API that sends messages:
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded, HTTP Basic with the account
 * sid and auth token; {@code 201} with the message resource as JSON, or an error in Twilio's JSON error
 * format ({@code code}, {@code message}, {@code more_info}, {@code status}). Records exactly what reached it.
 */
public final class FakeTwilio implements AutoCloseable {

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-f]{32})/Messages\\.json");

    /** What one request carried. */
    public record Received(
            String method,
            String path,
            String accountSid,
            String authorization,
            String contentType,
            Map<String, String> form) {}

    /** How the next requests are answered. */
    public enum Mode {
        ACCEPT,
        REFUSE_INVALID_NUMBER,
        SERVER_ERROR,
        HOLD,
        /** Answers 201 with a body that is not JSON and quotes the recipient, as a broken proxy echoing it might. */
        ECHO_UNREADABLE
    }

    private final HttpServer server;
    private final String accountSid;
    private final String authToken;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> acceptedSids = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Mode mode = Mode.ACCEPT;

    private FakeTwilio(String accountSid, String authToken) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-twilio");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static FakeTwilio start(String accountSid, String authToken) {
        return new FakeTwilio(accountSid, authToken);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The MessageSid given to each accepted message, by the message's {@code StatusCallback} URL. */
    public Map<String, String> acceptedSids() {
        return Map.copyOf(acceptedSids);
    }

    public void clear() {
        received.clear();
    }

    /** Lets held requests go (they are then answered as accepted). */
    public void release() {
        released.countDown();
    }

    /** The MessageSid the fake gives its n-th accepted message (from 1). */
    public static String sid(int n) {
        return String.format("SM%032x", n);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    path.matches() ? path.group(1) : null,
                    authorization,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    form(body)));
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                error(exchange, 404, 20404, "The requested resource was not found");
                return;
            }
            String expected = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(authorization) || !accountSid.equals(path.group(1))) {
                error(exchange, 401, 20003, "Authenticate");
                return;
            }
            Map<String, String> form = form(body);
            switch (mode) {
                case REFUSE_INVALID_NUMBER ->
                    // Twilio's real message quotes the number, which is why caseflow keeps only the code
                    error(exchange, 400, 21211, "The 'To' number " + form.get("To") + " is not a valid phone number.");
                case SERVER_ERROR -> error(exchange, 500, 20500, "Internal Server Error");
                case ECHO_UNREADABLE ->
                    send(exchange, 201, "recipient" + form.get("To").substring(1));
                case HOLD -> {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    accept(exchange, form);
                }
                default -> accept(exchange, form);
            }
        }
    }

    private void accept(HttpExchange exchange, Map<String, String> form) throws IOException {
        String sid = sid(sequence.incrementAndGet());
        if (form.get("StatusCallback") != null) {
            acceptedSids.put(form.get("StatusCallback"), sid);
        }
        String json = "{\"account_sid\":" + quote(accountSid) + ",\"api_version\":\"2010-04-01\",\"body\":"
                + quote(form.get("Body")) + ",\"date_created\":\"Wed, 25 Nov 2026 18:00:00 +0000\","
                + "\"direction\":\"outbound-api\",\"error_code\":null,\"error_message\":null,\"from\":"
                + quote(form.get("From")) + ",\"messaging_service_sid\":" + quote(form.get("MessagingServiceSid"))
                + ",\"num_media\":\"0\",\"num_segments\":\"1\",\"price\":null,\"price_unit\":\"USD\",\"sid\":"
                + quote(sid) + ",\"status\":\"queued\",\"to\":" + quote(form.get("To")) + ",\"uri\":"
                + quote("/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json") + "}";
        send(exchange, 201, json);
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        send(
                exchange,
                status,
                "{\"code\":" + code + ",\"message\":" + quote(message)
                        + ",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status
                        + "}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The {@code X-Twilio-Signature} Twilio sends with a webhook to {@code url} carrying {@code form}: HMAC-SHA1
     * with the auth token over the URL and the POST parameters sorted by name, base64.
     */
    public static String signature(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes {@code application/x-www-form-urlencoded}; each name once, in order. */
    public static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
