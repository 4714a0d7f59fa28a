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
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/** Health (public summary, details for OPS), Prometheus (OPS or the scrape user) and the processor API. */
class HealthAndMetricsTest extends PostgresApplicationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Test
    void theHealthSummaryIsPublicAndItsDetailsAreForOps() {
        JsonNode anonymous = http.mutate()
                .defaultHeaders(h -> h.remove("Authorization"))
                .build()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(anonymous.get("status").asText()).isIn("UP", "DEGRADED");
        assertThat(anonymous.has("components")).isFalse();

        JsonNode staff = http.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(staff.has("components")).isFalse();

        OpsClient client = new OpsClient(http);
        client.openCase("19121212-1212", "Tolvan");
        JsonNode ops = OpsClient.await("processors healthy", () -> {
            JsonNode health = client.get("/actuator/health");
            return health.at("/components/processors/status").asText().equals("UP")
                            && health.at("/components/processors/details/" + ProcessingGroups.CASE_PROJECTIONS + "/lag")
                                            .asLong()
                                    == 0
                    ? Optional.of(health)
                    : Optional.empty();
        });
        assertThat(ops.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(ops.at("/components/redis/status").asText()).isEqualTo("UP");
        assertThat(ops.at("/components/redis/details/ping").asText()).isEqualTo("PONG");
        assertThat(ops.at("/components/processors/details/" + ProcessingGroups.CASE_PROJECTIONS + "/lag")
                        .asLong())
                .isZero();
        assertThat(ops.at("/components/processors/details/" + ProcessingGroups.CASE_PROJECTIONS + "/running")
                        .asBoolean())
                .isTrue();
        assertThat(ops.has("/components/kafka")).isFalse();
    }

    @Test
    void prometheusServesCommandAxonAndSocketMetricsToOpsAndTheScrapeUserOnly() {
        OpsClient client = new OpsClient(http);
        client.openCase("19121212-1212", "Tolvan");
        http.mutate()
                .defaultHeaders(h -> h.remove("Authorization"))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();

        String scraped = http.mutate()
                .defaultHeaders(h -> h.setBasicAuth(TestUsers.METRICS, TestUsers.METRICS_PASSWORD))
                .build()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scraped)
                .containsPattern("caseflow_commands_seconds_count\\{[^}]*outcome=\"accepted\"[^}]*type=\"OpenCase\"")
                .contains("caseflow_docstore_sessions")
                .contains("commandBus_successCounter_total")
                .contains("caseflow_processor_lag_events{processor=\"" + ProcessingGroups.CASE_PROJECTIONS + "\"}")
                .containsPattern(
                        "(?m)^eventProcessor_\\w+\\{[^}]*processorName=\"" + ProcessingGroups.CASE_PROJECTIONS + "\"");
        http.mutate()
                .defaultHeaders(h -> h.setBasicAuth(TestUsers.METRICS, TestUsers.METRICS_PASSWORD))
                .build()
                .get()
                .uri("/api/ops/processors")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theProcessorApiShowsEveryProcessorWithItsSegmentsOwnersAndLag() {
        OpsClient client = new OpsClient(http);
        client.openCase("19121212-1212", "Tolvan");
        http.get().uri("/api/ops/processors").exchange().expectStatus().isForbidden();
        JsonNode projections = OpsClient.await(ProcessingGroups.CASE_PROJECTIONS + " caught up", () -> {
            for (JsonNode processor : client.get("/api/ops/processors").get("processors")) {
                if (processor.get("name").asText().equals(ProcessingGroups.CASE_PROJECTIONS)
                        && processor.get("lag").asLong() == 0
                        && processor.get("head").asLong() > 0) {
                    return Optional.of(processor);
                }
            }
            return Optional.empty();
        });
        assertThat(projections.get("mode").asText()).isEqualTo("tracking");
        assertThat(projections.get("running").asBoolean()).isTrue();
        assertThat(projections.get("replaying").asBoolean()).isFalse();
        assertThat(projections.get("segmentsClaimedHere").asInt()).isEqualTo(2);
        assertThat(projections.get("segments")).hasSize(2);
        for (JsonNode segment : projections.get("segments")) {
            assertThat(segment.get("owner").asText()).isNotBlank();
            assertThat(segment.get("position").asLong())
                    .isEqualTo(projections.get("head").asLong());
            assertThat(segment.get("claimedHere").asBoolean()).isTrue();
        }
        assertThat(projections.has("eventsPerSecond")).isTrue();
        client.ops
                .get()
                .uri("/api/ops/processors/no-such-processor")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    /** Counted, not assumed zero: a poisoned event adds one dead letter to the count, evicting it takes it away. */
    @Test
    void theProcessorApiCountsDeadLetters() {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        OpsClient.await("case " + caseId + " projected", () -> reader.document("case/" + caseId));
        long before = deadLetters(client);

        redis.sync().set(ProjectionStore.keyPrefix(REDIS.prefix(), reader.generation()) + "case/" + caseId, "[]");
        client.command("AddNote", "{\"caseId\": \"" + caseId + "\", \"text\": \"poisoned\"}");
        OpsClient.await(
                "one more dead letter", () -> deadLetters(client) == before + 1 ? Optional.of(true) : Optional.empty());
        client.ops
                .delete()
                .uri("/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS + "/dead-letters/" + caseId)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(deadLetters(client)).isEqualTo(before);
    }

    private static long deadLetters(OpsClient client) {
        return client.get("/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS)
                .get("deadLetters")
                .asLong();
    }
}
