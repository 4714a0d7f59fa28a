package se.caseflow.faultsuite;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.FakeTwilio;

/**
 * The outside world's view of the two nodes, as a load balancer gives it: a request that finds no node listening
 * goes to the other one. Staff clients send a command again with the same idempotency key while the answer is a
 * server error or a conflict to retry (that is what the key is for); Twilio sends a webhook once and takes its
 * answer (the suite's own duplicates are sent on purpose, as separate requests).
 */
final class Caseflow {

    /** What became of a request: its last status ({@code 0}: no node answered) and body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private final FaultWorld world;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Caseflow(FaultWorld world) {
        this.world = world;
    }

    /** A staff command over HTTP, sent again with its key until it is answered or {@link #PATIENCE} runs out. */
    Answer command(String type, String json, String key) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Answer answer = new Answer(0, "no node answered");
        while (System.nanoTime() < deadline) {
            answer = send(node -> HttpRequest.newBuilder(URI.create(node.base() + "/api/commands/" + type))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic(FaultWorld.STAFF, FaultWorld.STAFF_PASSWORD))
                    .header("Idempotency-Key", key)
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build());
            if (!retryable(answer)) {
                return answer;
            }
            Thread.sleep(250);
        }
        return answer;
    }

    /** A webhook signed the way Twilio signs it, sent once. */
    Answer webhook(String pathAndQuery, Map<String, String> form) throws InterruptedException {
        String signature =
                FakeTwilio.signature(FaultWorld.TWILIO_TOKEN, FaultWorld.PUBLIC_BASE_URL + pathAndQuery, form);
        return send(node -> HttpRequest.newBuilder(URI.create(node.base() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build());
    }

    /**
     * The partner signs in on a node and places a bid with the form's idempotency key, the way its page does; a
     * node lost on the way is a new sign-in on the other one.
     */
    Answer bid(String caseId, String key) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Answer answer = new Answer(0, "no node answered");
        while (System.nanoTime() < deadline) {
            ChildNode node = anyNode();
            try {
                answer = bidOn(node, caseId, key);
            } catch (IOException nodeGone) {
                answer = new Answer(0, nodeGone.toString());
            }
            if (answer.status() == 303 || (answer.status() >= 400 && answer.status() < 500)) {
                return answer;
            }
            Thread.sleep(250);
        }
        return answer;
    }

    /** A GET as the ops user, JSON. */
    Answer ops(String path) throws InterruptedException {
        return send(node -> HttpRequest.newBuilder(URI.create(node.base() + path))
                .header("Authorization", basic(FaultWorld.OPS, FaultWorld.OPS_PASSWORD))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }

    /** A POST of JSON as the ops user to one node. */
    Answer opsPost(ChildNode node, String path, String json) throws IOException, InterruptedException {
        return opsTo(opsRequest(node, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A GET as the ops user to one node, JSON. */
    Answer ops(ChildNode node, String path) throws IOException, InterruptedException {
        return opsTo(opsRequest(node, path).GET());
    }

    private HttpRequest.Builder opsRequest(ChildNode node, String path) {
        return HttpRequest.newBuilder(URI.create(node.base() + path))
                .header("Authorization", basic(FaultWorld.OPS, FaultWorld.OPS_PASSWORD))
                .timeout(Duration.ofSeconds(20));
    }

    private Answer opsTo(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private Answer bidOn(ChildNode node, String caseId, String key) throws IOException, InterruptedException {
        HttpClient session = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        String login = session.send(
                        HttpRequest.newBuilder(URI.create(node.base() + "/login"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(login);
        if (!csrf.find()) {
            return new Answer(500, "no CSRF field on the sign-in page");
        }
        HttpResponse<String> signedIn = session.send(
                form(
                        node.base() + "/login",
                        Map.of(
                                "username", FaultWorld.PARTNER,
                                "password", FaultWorld.PARTNER_PASSWORD,
                                "_csrf", csrf.group(1))),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302) {
            return new Answer(signedIn.statusCode(), "sign-in: " + signedIn.body());
        }
        HttpResponse<String> placed = session.send(
                form(
                        node.base() + "/partner/cases/" + caseId + "/bid",
                        Map.of(
                                "amountSek", "150000",
                                "nominalRate", "5,95",
                                "effectiveRate", "6,20",
                                "termMonths", "60",
                                "monthlyCost", "2 895,45",
                                "validUntil", "2099-12-31",
                                "idempotencyKey", key,
                                "_csrf", csrf.group(1))),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(placed.statusCode(), placed.body());
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields)))
                .build();
    }

    private interface Request {
        HttpRequest to(ChildNode node);
    }

    /** To a node at random; when none listens there, to the other. */
    private Answer send(Request request) throws InterruptedException {
        List<ChildNode> nodes = world.nodes();
        int first = ThreadLocalRandom.current().nextInt(nodes.size());
        Answer answer = new Answer(0, "no node answered");
        for (int i = 0; i < nodes.size(); i++) {
            ChildNode node = nodes.get((first + i) % nodes.size());
            try {
                HttpResponse<String> response = http.send(request.to(node), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body());
            } catch (IOException down) {
                answer = new Answer(0, down.toString());
            }
        }
        return answer;
    }

    private ChildNode anyNode() {
        List<ChildNode> nodes = world.nodes();
        return nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    private static boolean retryable(Answer answer) {
        return answer.status() == 0
                || answer.status() >= 500
                || (answer.status() == 409
                        && (answer.body().contains("concurrent-change")
                                || answer.body().contains("in-flight")));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
