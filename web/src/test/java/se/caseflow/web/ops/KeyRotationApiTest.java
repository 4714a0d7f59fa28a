package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.web.PostgresApplicationTest;

/**
 * The ops API of key rotations: OPS only, {@code 202} with the rotation's location, asking again while one runs
 * answers that one, and its status goes to {@code DONE} with nothing left under other keys. (What a rotation does to
 * the secrets tables: SecretsStoreContract; two nodes and a dying one: KeyRotationsTest.)
 */
class KeyRotationApiTest extends PostgresApplicationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void opsFinishAKeyRotationAndFollowItUntilItIsDone() {
        OpsClient client = new OpsClient(http);
        client.openCase("19121212-1212", "Rotated");
        // look-up rows as versions before V42 wrote them: the rotation seals them again from the events' tokens
        int unsealed = jdbc.update("UPDATE secrets_subject_lookup SET sealed = NULL");
        assertThat(unsealed).isPositive();
        client.staff
                .post()
                .uri("/api/ops/key-rotations")
                .exchange()
                .expectStatus()
                .isForbidden();

        var answer = client.ops
                .post()
                .uri("/api/ops/key-rotations")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult();
        JsonNode asked = answer.getResponseBody();
        String id = asked.at("/rotation/id").asText();
        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/api/ops/key-rotations/" + id);
        assertThat(asked.at("/rotation/requestedBy").asText()).isNotBlank();

        JsonNode done = OpsClient.await("key rotation " + id + " done", Duration.ofSeconds(120), () -> {
            JsonNode status = client.get("/api/ops/key-rotations/" + id);
            assertThat(status.at("/rotation/phase").asText()).isNotEqualTo("FAILED");
            return status.at("/rotation/phase").asText().equals("DONE") ? Optional.of(status) : Optional.empty();
        });
        assertThat(done.at("/rotation/finishedAt").isNull()).isFalse();
        assertThat(done.at("/rotation/adopted").asLong()).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_subject_lookup WHERE sealed IS NULL", Long.class))
                .as("every look-up row has its personnummer sealed again, from a CaseOpened in the event store")
                .isZero();
        assertThat(done.at("/keys/lookupRowsUnderOtherHmacKeys/personRows").asLong())
                .isZero();
        assertThat(done.at("/keys/lookupRowsUnderOtherHmacKeys/phoneRows").asLong())
                .isZero();
        assertThat(done.at("/keys/subjectKeysUnderOtherKekKeys").asLong()).isZero();
        assertThat(done.at("/keys/hmacKeysToRemoveOnceDone").size())
                .as("one HMAC key: nothing to remove")
                .isZero();
        assertThat(client.get("/api/ops/key-rotations").at("/rotations/0/id").asText())
                .isEqualTo(id);

        JsonNode unknown = client.ops
                .get()
                .uri("/api/ops/key-rotations/no-such-id")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(unknown.get("type").asText()).endsWith("/no-such-key-rotation");
    }
}
