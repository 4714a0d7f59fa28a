package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.web.FormSignIn;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;
import se.caseflow.web.docstore.SocketClient;

/** The ops page for OPS only, its rebuild form with the CSRF token, and its live document on the socket. */
class OpsPageTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @Test
    void opsSeeProcessorsRebuildAndDeadLettersAndStartARebuildWithTheForm() {
        WebTestClient browser = signIn(
                WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port)
                        .responseTimeout(Duration.ofSeconds(60))
                        .build(),
                TestUsers.OPS,
                TestUsers.OPS_PASSWORD);
        String page = browser.get()
                .uri("/ops")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<h1>Operations</h1>")
                .contains("data-processor=\"" + ProcessingGroups.CASE_PROJECTIONS + "\"")
                .contains("<option value=\"" + ProcessingGroups.CASE_PROJECTIONS + "\">"
                        + ProcessingGroups.CASE_PROJECTIONS + "</option>")
                .contains("Dead letters")
                .contains("Rotate keys")
                .contains("action=\"/ops/key-rotations\"")
                .contains("/js/ops.js")
                .doesNotContain(ProcessingGroups.CASE_PROJECTIONS_REBUILD + "</option>");
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).isTrue();

        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("processor", ProcessingGroups.KAFKA_PUBLISHER);
        form.add("_csrf", token.group(1));
        browser.post()
                .uri("/ops/rebuilds")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/ops?error="));
        browser.post()
                .uri("/ops/rebuilds")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("processor", ProcessingGroups.CASE_PROJECTIONS))
                .exchange()
                .expectStatus()
                .isForbidden();

        form.set("processor", ProcessingGroups.CASE_PROJECTIONS);
        form.add("reason", "from the page");
        browser.post()
                .uri("/ops/rebuilds")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/ops?done="));
        OpsClient client = new OpsClient(http);
        OpsClient.await("the page's rebuild done", () -> {
            JsonNode current = client.get("/api/ops/rebuilds/current");
            assertThat(current.get("reason").asText()).isEqualTo("from the page");
            return current.get("phase").asText().equals("DONE") ? Optional.of(current) : Optional.empty();
        });
    }

    @Test
    void theOpsDocumentIsLiveOnTheSocketForOpsOnly() throws Exception {
        HttpHeaders ops = new HttpHeaders();
        ops.setBasicAuth(TestUsers.OPS, TestUsers.OPS_PASSWORD);
        try (SocketClient socket = SocketClient.connect(port, ops)) {
            socket.send("{\"subscribe\": \"ops/processors\"}");
            JsonNode first = socket.next(f -> f.path("key").asText().equals("ops/processors"));
            assertThat(first.at("/doc/processors").findValuesAsText("name"))
                    .contains(ProcessingGroups.CASE_PROJECTIONS);
            assertThat(first.at("/doc/replayable").get(0).asText()).isEqualTo(ProcessingGroups.CASE_PROJECTIONS);
            JsonNode next = socket.next(f -> f.path("key").asText().equals("ops/processors")
                    && f.get("version").asLong() > first.get("version").asLong());
            assertThat(next.at("/doc/at").asText()).isNotBlank();
        }
        HttpHeaders staff = new HttpHeaders();
        staff.setBasicAuth(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        try (SocketClient socket = SocketClient.connect(port, staff)) {
            socket.send("{\"subscribe\": \"ops/processors\"}");
            assertThat(socket.next(f -> f.path("key").asText().equals("ops/processors"))
                            .get("error")
                            .asText())
                    .isEqualTo("forbidden");
        }
        http.get()
                .uri("/ops")
                .header(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    /**
     * Redis keeps the time to live, so it is measured on Redis's own clock: in one script, the document (stamped
     * with the moment it was made, just before it was written), its remaining time to live and Redis's time. Their
     * sum is the lifetime it was written with: five minutes, plus the few milliseconds between stamping and writing.
     */
    @Test
    void theOpsDocumentExpiresFiveMinutesAfterItsLastSample() throws Exception {
        RedisClient client = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            String key = REDIS.prefix() + "ops/processors";
            List<Object> sample = OpsClient.await("a sample of the ops document", () -> {
                List<Object> read = redis.sync()
                        .eval(
                                "return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1]), redis.call('TIME')}",
                                ScriptOutputType.MULTI,
                                key);
                return read.get(0) == null ? Optional.empty() : Optional.of(read);
            });
            Instant stamped = Instant.parse(
                    JSON.readTree((String) sample.get(0)).get("at").asText());
            long remaining = (Long) sample.get(1);
            List<?> time = (List<?>) sample.get(2);
            Instant redisNow = Instant.ofEpochSecond(
                    Long.parseLong(time.get(0).toString()),
                    Long.parseLong(time.get(1).toString()) * 1000);

            // a stopped node's status disappears instead of being shown as current
            Duration lifetime = Duration.ofMillis(remaining).plus(Duration.between(stamped, redisNow));
            assertThat(lifetime)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(5).minusMillis(1))
                    .isLessThan(Duration.ofMinutes(5).plusSeconds(1));
        } finally {
            client.shutdown();
        }
    }

    /** The browser, signed in: its session cookie and the CSRF token's cookie go with every request. */
    private static WebTestClient signIn(WebTestClient browser, String user, String password) {
        FormSignIn.SignedIn signedIn = FormSignIn.signIn(browser, user, password);
        return browser.mutate()
                .defaultCookie("SESSION", signedIn.session())
                .defaultCookie("XSRF-TOKEN", signedIn.csrfCookie())
                .build();
    }
}
