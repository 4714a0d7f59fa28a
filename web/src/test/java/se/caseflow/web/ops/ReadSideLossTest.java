package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisDump;
import se.caseflow.testsupport.TestRedis;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * A Redis of the test's own is killed and started again without its data: the case documents and the Today view
 * come back by themselves, equal key for key to a rebuild from zero, with a note sent while they were gone, no
 * dead letter, one rebuild, and health {@code DEGRADED} meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
class ReadSideLossTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("read_side_loss");
    private static final TestRedis REDIS = TestRedis.ownServer("read-side-loss");
    private static final String PROCESSOR = "/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS;

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    ReadSideLossCheck check;

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
        registry.add("caseflow.ops.read-side-loss-check-interval", () -> "PT1S");
        registry.add("caseflow.ops.rebuild-drop-delay", () -> "PT0.2S");
    }

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @Test
    void aRedisRestartedWithoutItsDataGetsTheReadSideBackByItself() throws Exception {
        OpsClient client = new OpsClient(http);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String caseId = client.openCase("19121212-1212", "Person" + i);
            client.command("AddNote", note(caseId, "before the loss " + i));
            cases.add(caseId);
        }
        for (String caseId : cases) {
            awaitVersion(caseId, 2);
        }
        OpsClient.await(
                "the read side marked",
                () -> check.state() == ReadSideLossCheck.State.PRESENT && marked()
                        ? Optional.of(true)
                        : Optional.empty());

        REDIS.server().kill();
        Files.deleteIfExists(REDIS.server().directory().resolve("dump.rdb"));
        REDIS.server().restart();
        // the ops page's document may be back already: the read side is not
        assertThat(REDIS.server().<List<String>>call(redis -> redis.keys(REDIS.prefix() + "case/*")))
                .as("Redis came back without the read side")
                .isEmpty();
        assertThat(marked()).isFalse();
        // the live projection goes on meanwhile: a new case into the empty Redis, a note on a case it lost
        String during = client.openCase("19121212-1212", "During");
        client.command("AddNote", note(cases.get(0), "while the read side is gone"));
        cases.add(during);

        OpsClient.await(
                "health DEGRADED while the read side is rebuilt",
                () -> client.get("/actuator/health")
                                .at("/components/readSide/status")
                                .asText()
                                .equals("DEGRADED")
                        ? Optional.of(true)
                        : Optional.empty());
        JsonNode restored = OpsClient.await(
                "the automatic rebuild done",
                () -> automaticRebuilds(client).stream()
                        .filter(r -> r.get("phase").asText().equals("DONE"))
                        .findFirst());
        assertThat(restored.get("requestedBy").asText()).isEqualTo(ReadSideLossCheck.REQUESTED_BY);
        awaitVersion(cases.get(0), 3);
        awaitVersion(during, 1);
        for (String caseId : cases.subList(1, cases.size() - 1)) {
            awaitVersion(caseId, 2);
        }
        String today = ProjectionReader.dailyViewKey("today", LocalDate.now(ZoneId.of("Europe/Stockholm")));
        OpsClient.await(
                "every case back in the Today view",
                () -> reader.view(today, 0, 100).members().size() == cases.size()
                        ? Optional.of(true)
                        : Optional.empty());
        OpsClient.await(
                "health UP again",
                () -> client.get("/actuator/health")
                                .at("/components/readSide/status")
                                .asText()
                                .equals("UP")
                        ? Optional.of(true)
                        : Optional.empty());

        assertThat(check.check()).as("a second check finds nothing to do").isEqualTo(ReadSideLossCheck.State.PRESENT);
        assertThat(client.get(PROCESSOR).path("deadLetters").asLong()).isZero();

        // the read side it restored, with the live projection writing meanwhile, equals a rebuild from zero
        long restoredGeneration = reader.generation();
        SortedMap<String, String> automatic = dump(restoredGeneration);
        assertThat(automatic.keySet()).contains("case/" + during, today);
        JsonNode fresh =
                client.post("/api/ops/rebuilds", "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\"}", 202);
        OpsClient.await("the fresh rebuild done", () -> {
            JsonNode current = client.get("/api/ops/rebuilds/current");
            return current.get("id").asText().equals(fresh.get("id").asText())
                            && current.get("phase").asText().equals("DONE")
                    ? Optional.of(true)
                    : Optional.empty();
        });
        assertThat(dump(restoredGeneration + 1)).isEqualTo(automatic);
        assertThat(automaticRebuilds(client)).as("the check did not fire again").hasSize(1);
    }

    private boolean marked() {
        return REDIS.server().call(redis -> redis.exists(REDIS.prefix() + ProjectionStore.EPOCH_KEY)) == 1;
    }

    private SortedMap<String, String> dump(long generation) {
        return REDIS.server()
                .call(redis -> RedisDump.byKey(redis, ProjectionStore.keyPrefix(REDIS.prefix(), generation), key -> {
                    // generation 0's prefix also holds the pointer, the marker, the ops document and newer generations
                    return key.startsWith("case/")
                            || key.startsWith("view/")
                            || key.startsWith("applied/")
                            || key.startsWith("partner")
                            || key.startsWith("sms/");
                }));
    }

    private static List<JsonNode> automaticRebuilds(OpsClient client) {
        JsonNode rebuilds = client.get("/api/ops/rebuilds");
        List<JsonNode> all = new ArrayList<>();
        rebuilds.path("history").forEach(all::add);
        if (rebuilds.hasNonNull("current")) {
            all.add(rebuilds.get("current"));
        }
        return StreamSupport.stream(all.spliterator(), false)
                .filter(r -> r.path("reason").asText().equals(ReadSideLossCheck.REASON))
                .distinct()
                .toList();
    }

    private void awaitVersion(String caseId, long version) {
        OpsClient.await(
                "case " + caseId + " at version " + version,
                () -> reader.document("case/" + caseId).filter(d -> d.version() >= version));
    }

    private static String note(String caseId, String text) {
        return "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}";
    }
}
