package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.Range;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.uc.UcConfiguration;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * A GDPR erasure (OPS only) shreds the person's key and the only HMAC that tied their personnummer to it, deletes
 * their UC identity cache entry, stores SubjectErased, answers 202 with its status as location, and once the status
 * says DONE (no rebuild) leaves nothing readable about them in Redis: not the name, not a mask, not a note, not an
 * SMS.
 */
class ErasureTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERASED_PERSON = "19811218-9876";
    private static final String NEVER_SEEN = "19800101-0019";
    private static final String NOTE = "Payslip received from Erasable";
    private static final String SMS = "Hej Erasable, vi saknar din lönespec";

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonalDataUnwrapper unwrapper;

    @Test
    void anErasureLeavesNothingReadableAboutThePersonInRedisOrTheSecretsStore() throws Exception {
        OpsClient client = new OpsClient(http);
        String erased = client.openCase(ERASED_PERSON, "Erasable");
        client.command("AddNote", "{\"caseId\": \"" + erased + "\", \"text\": \"" + NOTE + "\"}");
        client.command(
                "SendSms",
                "{\"caseId\": \"%s\", \"messageId\": \"%s\", \"text\": \"%s\"}"
                        .formatted(erased, java.util.UUID.randomUUID(), SMS));
        String alsoErased = client.openCase(ERASED_PERSON, "Erasable");
        String kept = client.openCase("19121212-1212", "Keeper");
        OpsClient.await(
                "projected",
                () -> reader.document("case/" + kept)
                        .filter(d -> reader.document("case/" + erased)
                                .map(e -> e.version() == 2)
                                .orElse(false)));
        OpsClient.await(
                "the SMS projected", () -> Optional.of(everythingInRedis()).filter(r -> r.contains(SMS)));
        assertThat(everythingInRedis()).contains("Erasable Tolvansson", "19811218-****", NOTE, SMS);
        keyedNote(client, erased);
        keyedNote(client, kept);
        assertThat(staffKeysOf(erased)).isOne();
        String token = nameToken(erased);
        // the UC identity cache's entry of the person, as UcAdapter writes it (UC is off in these tests)
        String identityCacheEntry = UcConfiguration.identityCacheKey(REDIS.prefix(), subject(erased));
        redis.sync().set(identityCacheEntry, "FOUND|05|E");

        // only OPS erases (staff may ask them); bad input, or a person caseflow never saw, changes nothing
        client.staff
                .post()
                .uri("/api/ops/erasures")
                .bodyValue(java.util.Map.of("personalNumber", ERASED_PERSON, "reason", "GDPR request"))
                .exchange()
                .expectStatus()
                .isForbidden();
        JsonNode bad = client.post(
                "/api/ops/erasures", "{\"personalNumber\": \"19811218-9875\", \"reason\": \"GDPR request\"}", 400);
        assertThat(bad.get("type").asText()).endsWith("/invalid-personal-number");
        client.post("/api/ops/erasures", "{\"personalNumber\": \"" + ERASED_PERSON + "\"}", 400);
        JsonNode unknown = client.post(
                "/api/ops/erasures", "{\"personalNumber\": \"" + NEVER_SEEN + "\", \"reason\": \"GDPR request\"}", 404);
        assertThat(unknown.get("type").asText()).endsWith("/no-such-person");
        assertThat(unwrapper.unwrap(token, TrustedCaller.STAFF_PROJECTION, "test"))
                .isInstanceOf(Unwrapped.Revealed.class);

        var answer = client.ops
                .post()
                .uri("/api/ops/erasures")
                .header("Content-Type", "application/json")
                .bodyValue("{\"personalNumber\": \"" + ERASED_PERSON + "\", \"reason\": \"GDPR request 42\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult();
        JsonNode erasure = answer.getResponseBody();
        String location = "/api/ops/erasures/" + erasure.get("id").asText();
        assertThat(answer.getResponseHeaders().getLocation()).hasToString(location);
        assertThat(erasure.get("shredded").asBoolean()).isTrue();
        assertThat(erasure.get("subject").asText()).isEqualTo(subject(erased));
        assertThat(unwrapper.unwrap(token, TrustedCaller.STAFF_PROJECTION, "test"))
                .as("the key is gone when the erasure answers")
                .isInstanceOf(Unwrapped.Erased.class);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?",
                        Integer.class,
                        erasure.get("id").asText()))
                .as("SubjectErased is stored when the erasure answers")
                .isOne();
        assertThat(redis.sync().exists(identityCacheEntry))
                .as("the UC identity cache entry is gone when the erasure answers")
                .isZero();
        assertThat(staffKeysOf(erased))
                .as("the idempotency keys of the person's cases are gone when the erasure answers: a fingerprint"
                        + " hashes the note's text")
                .isZero();
        assertThat(staffKeysOf(kept)).as("another person's key stays").isOne();
        assertThat(erasure.get("actor").asText()).isEqualTo(TestUsers.OPS);
        JsonNode done = OpsClient.await(
                "every segment past the erasure",
                () -> Optional.of(client.get(location))
                        .filter(status -> status.get("status").asText().equals("DONE")));
        assertThat(done.get("segments"))
                .isNotEmpty()
                .allSatisfy(
                        segment -> assertThat(segment.get("past").asBoolean()).isTrue());
        assertThat(client.get("/api/ops/rebuilds").get("history"))
                .as("the erasure started no rebuild")
                .isEmpty();
        client.ops
                .get()
                .uri("/api/ops/erasures/" + java.util.UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get().uri(location).exchange().expectStatus().isForbidden();

        String everything = everythingInRedis();
        assertThat(everything)
                .doesNotContain("Erasable", "E***", "19811218", NOTE, SMS, "lönespec")
                .contains("Keeper Tolvansson");
        for (String caseId : List.of(erased, alsoErased)) {
            JsonNode applicant = JSON.readTree(
                            reader.document("case/" + caseId).orElseThrow().json())
                    .get("applicant");
            applicant
                    .fieldNames()
                    .forEachRemaining(field ->
                            assertThat(applicant.get(field).asText()).as(field).isEqualTo("(erased)"));
        }
        assertThat(unwrapper.unwrap(token, TrustedCaller.STAFF_PROJECTION, "test"))
                .isInstanceOf(Unwrapped.Erased.class);

        JsonNode log = client.get("/api/ops/erasures");
        assertThat(log.get("erasures")).anySatisfy(e -> {
            assertThat(e.get("id").asText()).isEqualTo(erasure.get("id").asText());
            assertThat(e.get("reason").asText()).isEqualTo("GDPR request 42");
            assertThat(e.get("actor").asText()).isEqualTo(TestUsers.OPS);
        });
        http.get().uri("/api/ops/erasures").exchange().expectStatus().isForbidden();

        // a second erasure finds nobody: the personnummer no longer leads anywhere
        client.post(
                "/api/ops/erasures",
                "{\"personalNumber\": \"" + ERASED_PERSON + "\", \"reason\": \"GDPR request 43\"}",
                404);

        // the audit view: a personal number only in a body, and an erased one no longer leads to its subject
        client.ops
                .get()
                .uri("/api/ops/audit/unwraps?personalNumber=" + ERASED_PERSON)
                .exchange()
                .expectStatus()
                .isBadRequest();
        client.post("/api/ops/audit/unwraps", "{\"personalNumber\": \"" + ERASED_PERSON + "\"}", 404);
        assertThat(client.post("/api/ops/audit/unwraps", "{\"personalNumber\": \"19121212-1212\"}", 200)
                        .get("entries"))
                .isNotEmpty();
        // every unwrap of the erased subject, the last ones refused as erased
        JsonNode audit = client.get(
                "/api/ops/audit/unwraps?subject=" + erasure.get("subject").asText() + "&limit=1000");
        assertThat(audit.get("entries")).isNotEmpty();
        assertThat(audit.get("entries"))
                .allSatisfy(e -> assertThat(e.get("subject").asText())
                        .isEqualTo(erasure.get("subject").asText()));
        assertThat(audit.get("entries"))
                .extracting(e -> e.get("outcome").asText())
                .contains("REVEALED", "ERASED");
        assertThat(audit.get("entries").get(0).get("caller").asText()).isEqualTo("STAFF_PROJECTION");
        client.ops
                .get()
                .uri("/api/ops/audit/unwraps?from=yesterday")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    /** A note sent with an idempotency key of its own, so the gate keeps the key and its fingerprint. */
    private static void keyedNote(OpsClient client, String caseId) {
        client.staff
                .post()
                .uri("/api/commands/AddNote")
                .header("Idempotency-Key", "erasure-note-" + caseId)
                .header("Content-Type", "application/json")
                .bodyValue("{\"caseId\": \"" + caseId + "\", \"text\": \"Called back about the loan\"}")
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    private int staffKeysOf(String caseId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM idempotency_key WHERE gate = 'staff' AND case_id = ?", Integer.class, caseId);
    }

    private String nameToken(String caseId) throws Exception {
        return opened(caseId).at("/applicant/name/token").asText();
    }

    private String subject(String caseId) throws Exception {
        return opened(caseId).at("/applicant/subject").asText();
    }

    private JsonNode opened(String caseId) throws Exception {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                byte[].class,
                caseId);
        return JSON.readTree(payload);
    }

    /** Every value of every key under this run's prefix, as text. */
    private String everythingInRedis() {
        RedisCommands<String, String> sync = redis.sync();
        StringBuilder all = new StringBuilder();
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            var page = sync.scan(
                    cursor, KeyScanArgs.Builder.matches(REDIS.prefix() + "*").limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        for (String key : keys) {
            all.append(key).append('\n');
            switch (sync.type(key)) {
                case "string" -> all.append(sync.get(key));
                case "stream" -> sync.xrange(key, Range.create("-", "+")).forEach(m -> all.append(m.getBody()));
                case "zset" -> all.append(sync.zrange(key, 0, -1));
                case "hash" -> all.append(sync.hgetall(key));
                case "list" -> all.append(sync.lrange(key, 0, -1));
                case "set" -> all.append(sync.smembers(key));
                default -> all.append(sync.type(key));
            }
            all.append('\n');
        }
        return all.toString();
    }
}
