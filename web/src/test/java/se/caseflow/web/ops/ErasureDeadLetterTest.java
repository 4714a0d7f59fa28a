package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.web.PostgresApplicationTest;

/**
 * An erasure the read side could not apply (a case document it cannot read) is not reported done although every
 * segment moved past it: its status is DEAD_LETTERED, naming the sequence to retry, and the retry after the fix
 * removes the person and makes it DONE.
 */
class ErasureDeadLetterTest extends PostgresApplicationTest {

    private static final String PERSON = "19640823-3234";
    private static final String FIRST_NAME = "Unreadable";

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Test
    void anErasureTheProjectionCouldNotApplyIsDeadLetteredUntilRetriedAndThenDone() {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase(PERSON, FIRST_NAME);
        String documentKey = REDIS.prefix() + "case/" + caseId;
        String readable = OpsClient.await(
                "the case projected", () -> Optional.ofNullable(redis.sync().get(documentKey)));
        assertThat(readable).contains(FIRST_NAME);
        redis.sync().set(documentKey, "{not json");

        JsonNode erasure = client.post(
                "/api/ops/erasures", "{\"personalNumber\": \"" + PERSON + "\", \"reason\": \"GDPR request 7\"}", 202);
        String location = "/api/ops/erasures/" + erasure.get("id").asText();
        JsonNode deadLettered = OpsClient.await(
                "the erasure dead-lettered",
                () -> Optional.of(client.get(location))
                        .filter(status -> status.get("status").asText().equals(ErasureProgress.DEAD_LETTERED)));
        assertThat(deadLettered.get("segments"))
                .as("every segment moved past the event, which alone would have read as done")
                .allSatisfy(
                        segment -> assertThat(segment.get("past").asBoolean()).isTrue());
        String sequence = deadLettered.get("deadLetterSequence").asText();

        redis.sync().set(documentKey, readable);
        client.post(
                "/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS + "/dead-letters/" + sequence + "/retry",
                "{}",
                200);

        JsonNode done = OpsClient.await(
                "the erasure done after the retry",
                () -> Optional.of(client.get(location))
                        .filter(status -> status.get("status").asText().equals(ErasureProgress.DONE)));
        assertThat(done.has("deadLetterSequence")).isFalse();
        assertThat(reader.document("case/" + caseId).orElseThrow().json())
                .doesNotContain(FIRST_NAME)
                .contains("(erased)");
    }
}
