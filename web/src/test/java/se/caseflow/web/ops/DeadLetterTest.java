package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.web.PostgresApplicationTest;

/**
 * A poisoned event of the case projection lands in the dead letters with its cause, the rest of the stream goes
 * on, later events of the same case queue behind it, a retry before the fix fails and counts the attempt, and a
 * retry after the fix applies the whole sequence.
 */
class DeadLetterTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LETTERS = "/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS + "/dead-letters";

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Test
    void aPoisonedEventIsDeadLetteredTheStreamGoesOnAndARetryAfterTheFixSucceeds() throws Exception {
        OpsClient client = new OpsClient(http);
        String poisoned = client.openCase("19121212-1212", "Tolvan");
        String healthy = client.openCase("19121212-1212", "Tolvan");
        String good = awaitVersion(poisoned, 1);
        awaitVersion(healthy, 1);

        // a bad manual edit: the projection can no longer read the case's document
        redis.sync().set(keys() + "case/" + poisoned, "{not json");
        client.command("AddNote", note(poisoned, "first"));
        client.command("AddNote", note(healthy, "goes on"));
        client.command("AddNote", note(poisoned, "second"));
        awaitVersion(healthy, 2);

        awaitLetters(client, poisoned, 2);
        JsonNode list = client.get(LETTERS);
        JsonNode sequence = null;
        for (JsonNode item : list.get("items")) {
            if (item.get("sequence").asText().equals(poisoned)) {
                sequence = item;
            }
        }
        assertThat(sequence).as("the poisoned case's sequence is listed").isNotNull();
        assertThat(list.get("letters").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode first = sequence.get("letters").get(0);
        assertThat(first.get("eventType").asText()).isEqualTo("NoteAdded");
        assertThat(first.get("aggregateId").asText()).isEqualTo(poisoned);
        assertThat(first.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(first.get("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.get("causeMessage").asText()).contains("Unreadable case document");
        assertThat(first.get("attempts").asLong()).isEqualTo(1);
        assertThat(first.at("/payload/noteNumber").asInt()).isEqualTo(1);
        assertThat(sequence.get("letters").get(1).get("sequenceNumber").asLong())
                .isEqualTo(2);
        assertThat(client.get(LETTERS + "/" + poisoned).get("size").asInt()).isEqualTo(2);
        assertThat(client.get("/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS)
                        .get("deadLetters")
                        .asLong())
                .isGreaterThanOrEqualTo(2);

        JsonNode failed = client.post(LETTERS + "/" + poisoned + "/retry", "{}", 200);
        assertThat(failed.get("retried").asBoolean()).isFalse();
        assertThat(failed.get("remaining").asLong()).isEqualTo(2);
        assertThat(client.get(LETTERS + "/" + poisoned)
                        .at("/letters/0/attempts")
                        .asLong())
                .isEqualTo(2);

        redis.sync().set(keys() + "case/" + poisoned, good);
        JsonNode retried = client.post(LETTERS + "/" + poisoned + "/retry", "{}", 200);
        assertThat(retried.get("retried").asBoolean()).isTrue();
        assertThat(retried.get("remaining").asLong()).isZero();
        JsonNode document =
                JSON.readTree(reader.document("case/" + poisoned).orElseThrow().json());
        assertThat(document.get("version").asLong()).isEqualTo(3);
        assertThat(document.get("notes").asInt()).isEqualTo(2);
        assertThat(reader.feed("case/" + poisoned + "/activity", null, 10))
                .extracting(e -> e.fields().get("text"))
                .containsExactly(
                        "Case opened: 150 000 kr over 60 months (CONSOLIDATION)",
                        "Note 1 added: first",
                        "Note 2 added: second");
        client.ops.get().uri(LETTERS + "/" + poisoned).exchange().expectStatus().isNotFound();

        // a later event of the case is no longer held back
        client.command("AddNote", note(poisoned, "third"));
        awaitVersion(poisoned, 4);
    }

    @Test
    void aDeadLetteredSequenceCanBeEvictedAndRetryAllReportsWhatWentThrough() throws Exception {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        String fixed = client.openCase("19121212-1212", "Tolvan");
        awaitVersion(caseId, 1);
        String good = awaitVersion(fixed, 1);
        redis.sync().set(keys() + "case/" + caseId, "[]");
        redis.sync().set(keys() + "case/" + fixed, "[]");
        client.command("AddNote", note(caseId, "lost"));
        client.command("AddNote", note(fixed, "found"));
        awaitLetters(client, caseId, 1);
        awaitLetters(client, fixed, 1);
        redis.sync().set(keys() + "case/" + fixed, good);
        long sequencesBefore = client.get(LETTERS).get("sequences").asLong();

        JsonNode all = client.post(LETTERS + "/retry", "{}", 200);

        assertThat(all.get("attempted").asLong()).isEqualTo(sequencesBefore);
        assertThat(all.get("succeeded").asLong())
                .isGreaterThanOrEqualTo(1)
                .isEqualTo(all.get("attempted").asLong() - all.get("remaining").asLong());
        assertThat(all.get("remaining").asLong())
                .isEqualTo(client.get(LETTERS).get("sequences").asLong());
        client.ops.get().uri(LETTERS + "/" + fixed).exchange().expectStatus().isNotFound();
        assertThat(JSON.readTree(reader.document("case/" + fixed).orElseThrow().json())
                        .get("notes")
                        .asInt())
                .isEqualTo(1);
        assertThat(client.get(LETTERS + "/" + caseId).at("/letters/0/attempts").asLong())
                .isEqualTo(2);

        JsonNode evicted = client.ops
                .delete()
                .uri(LETTERS + "/" + caseId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(evicted.get("evicted").asInt()).isEqualTo(1);
        client.ops.get().uri(LETTERS + "/" + caseId).exchange().expectStatus().isNotFound();
        client.ops
                .delete()
                .uri(LETTERS + "/" + caseId)
                .exchange()
                .expectStatus()
                .isNotFound();
        client.ops
                .get()
                .uri("/api/ops/processors/" + ProcessingGroups.KAFKA_PUBLISHER + "/dead-letters")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.ops.get().uri(LETTERS + "?limit=0").exchange().expectStatus().isBadRequest();
        http.get().uri(LETTERS).exchange().expectStatus().isForbidden();
    }

    /** Where the serving generation's keys are (a rebuild test in the same JVM may have moved it). */
    private String keys() {
        return ProjectionStore.keyPrefix(REDIS.prefix(), reader.generation());
    }

    private static void awaitLetters(OpsClient client, String sequence, int size) {
        OpsClient.await(size + " dead letters of " + sequence, () -> {
            JsonNode body = client.ops
                    .get()
                    .uri(LETTERS + "/" + sequence)
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            return body.path("size").asInt() == size ? Optional.of(body) : Optional.empty();
        });
    }

    private String awaitVersion(String caseId, long version) {
        return OpsClient.await(
                "case " + caseId + " at version " + version,
                () -> reader.document("case/" + caseId)
                        .filter(d -> d.version() == version)
                        .map(ProjectionReader.Document::json));
    }

    private static String note(String caseId, String text) {
        return "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}";
    }
}
