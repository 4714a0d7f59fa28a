package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.web.PostgresApplicationTest;

/**
 * An erasure that happened always has its record: the row is written before the command, and whether the key was
 * shredded is read from the event store. The request dying after the command stored SubjectErased (here: the row's
 * update after the command fails, as a crash there would leave it) still leaves an erasure that reports itself
 * shredded and done; a command that stored nothing leaves no record.
 */
class ErasureRecordTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CRASHED_AFTER_COMMAND = "19811218-9868";
    private static final String REFUSED = "19811218-9850";
    private static final String FAIL = "CREATE FUNCTION %s() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'by the test';"
            + " END $$ LANGUAGE plpgsql";

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anErasureWhoseRequestDiesAfterTheCommandIsRecordedAndReportsItselfShredded() throws IOException {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase(CRASHED_AFTER_COMMAND, "Crashing");
        String subject = subjectOf(caseId);
        jdbc.execute(FAIL.formatted("fail_erasure_update"));
        jdbc.execute("CREATE TRIGGER fail_erasure_update BEFORE UPDATE ON ops_erasure FOR EACH ROW"
                + " WHEN (NEW.subject = '" + subject + "') EXECUTE FUNCTION fail_erasure_update()");
        try {
            erase(client, CRASHED_AFTER_COMMAND).expectStatus().is5xxServerError();
        } finally {
            jdbc.execute("DROP TRIGGER fail_erasure_update ON ops_erasure");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domainevententry WHERE payloadtype LIKE '%SubjectErased'"
                                + " AND aggregateidentifier IN (SELECT id FROM ops_erasure WHERE subject = ?)",
                        Integer.class, subject))
                .as("the command was stored, and the erasure's row with it")
                .isOne();

        JsonNode listed = erasureOf(client, subject).orElseThrow();
        assertThat(listed.get("shredded").asBoolean()).isTrue();
        assertThat(listed.get("reason").asText()).isEqualTo("GDPR-42");
        JsonNode done = OpsClient.await(
                "the erasure reported done",
                () -> Optional.of(client.get(
                                "/api/ops/erasures/" + listed.get("id").asText()))
                        .filter(status -> status.get("status").asText().equals(ErasureProgress.DONE)));
        assertThat(done.get("shredded").asBoolean()).isTrue();
        assertThat(done.get("subject").asText()).isEqualTo(subject);
        client.post(
                "/api/ops/erasures",
                "{\"personalNumber\": \"" + CRASHED_AFTER_COMMAND + "\", \"reason\": \"GDPR-43\"}",
                404);
    }

    @Test
    void anErasureWhoseCommandStoredNothingLeavesNoRecord() throws IOException {
        OpsClient client = new OpsClient(http);
        String subject = subjectOf(client.openCase(REFUSED, "Refused"));
        jdbc.execute(FAIL.formatted("fail_subject_erased"));
        jdbc.execute("CREATE TRIGGER fail_subject_erased BEFORE INSERT ON domainevententry FOR EACH ROW"
                + " WHEN (NEW.payloadtype LIKE '%SubjectErased') EXECUTE FUNCTION fail_subject_erased()");
        try {
            erase(client, REFUSED).expectStatus().is5xxServerError();
        } finally {
            jdbc.execute("DROP TRIGGER fail_subject_erased ON domainevententry");
        }
        assertThat(erasureOf(client, subject))
                .as("no record of an erasure that did not happen")
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ops_erasure WHERE subject = ?", Integer.class, subject))
                .isZero();

        erase(client, REFUSED).expectStatus().isAccepted();
        assertThat(erasureOf(client, subject).orElseThrow().get("shredded").asBoolean())
                .isTrue();
    }

    private static WebTestClient.ResponseSpec erase(OpsClient client, String personalNumber) {
        return client.ops
                .post()
                .uri("/api/ops/erasures")
                .header("Content-Type", "application/json")
                .bodyValue("{\"personalNumber\": \"" + personalNumber + "\", \"reason\": \"GDPR-42\"}")
                .exchange();
    }

    private static Optional<JsonNode> erasureOf(OpsClient client, String subject) {
        return StreamSupport.stream(
                        client.get("/api/ops/erasures?limit=1000")
                                .get("erasures")
                                .spliterator(),
                        false)
                .filter(e -> e.get("subject").asText().equals(subject))
                .findFirst();
    }

    private String subjectOf(String caseId) throws IOException {
        byte[] opened = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                byte[].class,
                caseId);
        return JSON.readTree(opened).at("/applicant/subject").asText();
    }
}
