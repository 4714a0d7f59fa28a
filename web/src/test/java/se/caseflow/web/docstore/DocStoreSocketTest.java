package se.caseflow.web.docstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** The doc-store through a real websocket client against the running application. */
class DocStoreSocketTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Test
    void aSubscriberGetsTheCurrentCopyThenEveryNewOne() throws Exception {
        String caseId = openCase();
        try (SocketClient socket = SocketClient.connect(port, staff())) {
            socket.send("{\"subscribe\": \"case/" + caseId + "\"}");
            JsonNode current = socket.next();
            assertThat(current.get("key").asText()).isEqualTo("case/" + caseId);
            assertThat(current.get("version").asLong()).isEqualTo(1);
            assertThat(current.at("/doc/status").asText()).isEqualTo("OPEN");

            socket.send("{\"subscribe\": \"view/open\"}");
            JsonNode view = socket.next(f -> f.path("key").asText().equals("view/open"));
            assertThat(view.at("/doc/count").asLong()).isPositive();
            assertThat(view.get("version").asLong()).isPositive();

            command("AddNote", "{\"caseId\": \"" + caseId + "\", \"text\": \"Payslip received\"}");
            JsonNode pushed = socket.next(f -> f.path("key").asText().equals("case/" + caseId));
            assertThat(pushed.get("version").asLong()).isEqualTo(2);
            assertThat(pushed.at("/doc/notes").asInt()).isEqualTo(1);

            command("CloseCase", "{\"caseId\": \"" + caseId + "\", \"reason\": \"PAID_OUT\"}");
            // the closed case leaves view/open: a new copy of the view without it; the two keys' pushes come
            // from two topics, in either order
            boolean closed = false;
            boolean leftTheView = false;
            while (!closed || !leftTheView) {
                JsonNode frame = socket.next();
                String key = frame.path("key").asText();
                closed |= key.equals("case/" + caseId)
                        && frame.at("/doc/status").asText().equals("CLOSED");
                leftTheView |= key.equals("view/open")
                        && !frame.at("/doc/members").toString().contains(caseId);
            }
        }
    }

    /** The browser client subscribes in {@code onopen}: a frame sent right after the handshake is never lost. */
    @Test
    void everyFrameSentRightAfterTheHandshakeIsAnswered() throws Exception {
        String key = "case/" + openCase();
        String subscribe = "{\"subscribe\": \"" + key + "\"}";
        int unanswered = 0;
        for (int batch = 0; batch < 3; batch++) {
            List<SocketClient> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    SocketClient socket = SocketClient.connect(port, staff());
                    sockets.add(socket);
                    socket.send(subscribe);
                }
                // each socket's answer is counted; the two minutes only keep a lost frame from hanging the build
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                for (SocketClient socket : sockets) {
                    JsonNode answer = socket.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    if (answer == null || !answer.path("key").asText().equals(key)) {
                        unanswered++;
                    }
                }
            } finally {
                sockets.forEach(SocketClient::close);
            }
        }
        assertThat(unanswered).as("subscribe frames never answered, of 300").isZero();
    }

    /** Notices published while the node's notice channel is down are lost; the reconnect re-reads instead. */
    @Test
    void aNoticeLostWhileRedisWasUnreachableIsMadeUpForOnReconnect() throws Exception {
        String caseId = openCase();
        try (SocketClient socket = SocketClient.connect(port, staff());
                RedisClient client = RedisClient.create(REDIS.uri());
                StatefulRedisConnection<String, String> connection = client.connect()) {
            socket.send("{\"subscribe\": \"case/" + caseId + "\"}");
            assertThat(socket.next().get("version").asLong()).isEqualTo(1);

            // a newer copy whose notice never arrived, then the notice channel drops and comes back
            RedisCommands<String, String> redis = connection.sync();
            // the serving generation's key (a rebuild test in the same JVM may have moved it; docs/read-side.md)
            String generation = redis.get(REDIS.prefix() + ProjectionStore.GENERATION_KEY);
            String key = ProjectionStore.keyPrefix(REDIS.prefix(), generation == null ? 0 : Long.parseLong(generation))
                    + "case/" + caseId;
            ObjectNode newer = (ObjectNode) JSON.readTree(redis.get(key));
            newer.put("version", 99);
            redis.set(key, newer.toString());
            redis.clientKill(KillArgs.Builder.id(noticeConnectionId(redis.clientList())));

            JsonNode refreshed = socket.next(f -> f.path("key").asText().equals("case/" + caseId));
            assertThat(refreshed.get("version").asLong()).isEqualTo(99);
        }
    }

    private static long noticeConnectionId(String clientList) {
        String name = "name=" + REDIS.prefix() + "notices";
        return clientList
                .lines()
                .filter(line -> List.of(line.split(" ")).contains(name))
                .map(line -> line.substring(3, line.indexOf(' ')))
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Redis connection named " + name));
    }

    @Test
    void aFeedResumesAfterADisconnectWithoutLossOrRepeat() throws Exception {
        String caseId = openCase();
        String feed = "case/" + caseId + "/activity";
        List<String> seen = new ArrayList<>();
        try (SocketClient socket = SocketClient.connect(port, staff())) {
            socket.send("{\"subscribe\": \"" + feed + "\"}");
            collect(socket, feed, seen, "1-0");
            note(caseId, "first");
            note(caseId, "second");
            collect(socket, feed, seen, "3-0");
        }
        assertThat(seen).containsExactly("1-0", "2-0", "3-0");

        note(caseId, "third, while away");
        note(caseId, "fourth, while away");
        awaitFeedLength(feed, 5);

        List<String> resumed = new ArrayList<>();
        try (SocketClient socket = SocketClient.connect(port, staff())) {
            socket.send("{\"subscribe\": \"" + feed + "\", \"after\": \"3-0\"}");
            collect(socket, feed, resumed, "5-0");
            note(caseId, "fifth, live");
            collect(socket, feed, resumed, "6-0");
            socket.send("{\"unsubscribe\": \"" + feed + "\"}");
            JsonNode last = socket.next();
            assertThat(last.get("unsubscribed").asBoolean()).isTrue();
        }
        assertThat(resumed).containsExactly("4-0", "5-0", "6-0");
    }

    @Test
    void refusedUnknownAndMalformedRequestsGetErrorFramesAndTheSocketKeepsWorking() throws Exception {
        String caseId = openCase();
        try (SocketClient socket = SocketClient.connect(port, staff())) {
            assertError(socket, "{\"subscribe\": \"secrets/token-1\"}", "secrets/token-1", "forbidden");
            assertError(socket, "{\"subscribe\": \"partner/p1/bids\"}", "partner/p1/bids", "forbidden");
            String unknown = "case/" + UUID.randomUUID();
            assertError(socket, "{\"subscribe\": \"" + unknown + "\"}", unknown, "not-found");
            assertError(socket, "{\"subscribe\": \"" + unknown + "/activity\"}", unknown + "/activity", "not-found");
            socket.send("{nope");
            assertThat(socket.next().get("error").asText()).isEqualTo("bad-request");
            socket.send("{\"subscribe\": 5}");
            assertThat(socket.next().get("error").asText()).isEqualTo("bad-request");
            socket.send("{\"subscribe\": \"case/" + caseId + "\", \"after\": \"1-0\"}");
            assertThat(socket.next().get("error").asText()).isEqualTo("bad-request");
            socket.send("[1, 2]");
            JsonNode badRequest = socket.next();
            assertThat(badRequest.get("error").asText()).isEqualTo("bad-request");
            assertThat(badRequest.get("message").asText()).isNotBlank();

            socket.send("{\"subscribe\": \"case/" + caseId + "\"}");
            assertThat(socket.next().get("version").asLong()).isEqualTo(1);
        }
        try (SocketClient partner = SocketClient.connect(port, basic(TestUsers.PARTNER, TestUsers.PARTNER_PASSWORD))) {
            assertError(partner, "{\"subscribe\": \"case/" + caseId + "\"}", "case/" + caseId, "forbidden");
            assertError(partner, "{\"subscribe\": \"view/open\"}", "view/open", "forbidden");
        }
    }

    @Test
    void theHandshakeNeedsAUserAndAnAllowedOrigin() throws Exception {
        assertThatThrownBy(() -> SocketClient.connect(port, new HttpHeaders()).close())
                .hasStackTraceContaining("401");
        assertThatThrownBy(() -> SocketClient.connect(port, basic(TestUsers.STAFF, "wrong password"))
                        .close())
                .hasStackTraceContaining("401");
        HttpHeaders crossSite = staff();
        crossSite.setOrigin("https://evil.example");
        assertThatThrownBy(() -> SocketClient.connect(port, crossSite).close()).hasStackTraceContaining("403");

        HttpHeaders sameOrigin = staff();
        sameOrigin.setOrigin("http://localhost:" + port);
        try (SocketClient socket = SocketClient.connect(port, sameOrigin)) {
            socket.send("{\"subscribe\": \"view/open\"}");
            assertThat(socket.next().get("key").asText()).isEqualTo("view/open");
        }
    }

    @Test
    void oneOffReadsFollowTheSameRules() {
        String caseId = openCase();
        awaitFeedLength("case/" + caseId + "/activity", 1);
        http.get()
                .uri("/api/docs/case/" + caseId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.key")
                .isEqualTo("case/" + caseId)
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.doc.caseId")
                .isEqualTo(caseId);
        http.get()
                .uri("/api/docs/case/" + caseId + "/activity")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.entries[0].id")
                .isEqualTo("1-0")
                .jsonPath("$.entries[0].type")
                .isEqualTo("CaseOpened");
        http.get()
                .uri("/api/docs/view/open?limit=5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.doc.count")
                .isNumber()
                .jsonPath("$.doc.offset")
                .isEqualTo(0);
        http.get()
                .uri("/api/docs/secrets/token-1")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://caseflow.se/problems/forbidden");
        http.get()
                .uri("/api/docs/case/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://caseflow.se/problems/not-found");
        http.get()
                .uri("/api/docs/case/" + caseId)
                .headers(h -> h.setBasicAuth(TestUsers.PARTNER, TestUsers.PARTNER_PASSWORD))
                .exchange()
                .expectStatus()
                .isForbidden();
        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build()
                .get()
                .uri("/api/docs/case/" + caseId)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private static void assertError(SocketClient socket, String frame, String key, String error)
            throws InterruptedException {
        socket.send(frame);
        JsonNode answer = socket.next();
        assertThat(answer.get("key").asText()).isEqualTo(key);
        assertThat(answer.get("error").asText()).isEqualTo(error);
    }

    /** Adds the entry ids of the feed's frames to {@code ids} until {@code lastId} arrived. */
    private static void collect(SocketClient socket, String feed, List<String> ids, String lastId)
            throws InterruptedException {
        while (!ids.contains(lastId)) {
            JsonNode frame = socket.next(f -> f.path("key").asText().equals(feed));
            assertThat(frame.has("error")).as(frame.toString()).isFalse();
            frame.get("entries").forEach(e -> ids.add(e.get("id").asText()));
        }
    }

    private void awaitFeedLength(String feed, int length) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode body = http.get()
                    .uri("/api/docs/" + feed)
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            if (body != null && body.path("entries").size() == length) {
                return;
            }
            sleep();
        }
        throw new AssertionError(feed + " did not reach " + length + " entries");
    }

    private String openCase() {
        String caseId =
                command("OpenCase", CommandPayloads.openCase()).get("caseId").asText();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            int status = http.get()
                    .uri("/api/docs/case/" + caseId)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            if (status == 200) {
                return caseId;
            }
            sleep();
        }
        throw new AssertionError("case/" + caseId + " was not projected");
    }

    private void note(String caseId, String text) {
        command("AddNote", "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}");
    }

    private JsonNode command(String type, String body) {
        return http.post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static HttpHeaders staff() {
        return basic(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
    }

    private static HttpHeaders basic(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return headers;
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
