package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.Range;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.IncomeBand;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.web.DirectEvents;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;
import se.caseflow.web.docstore.SocketClient;

/**
 * A rebuild on the real Redis while commands keep flowing: readers and socket subscribers never see an empty or
 * partial view or a document going back, the old generation is dropped, and the result equals a fresh build.
 */
class RebuildTest extends PostgresApplicationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Autowired
    EventStore eventStore;

    @LocalServerPort
    int port;

    @Test
    void aRebuildUnderLoadKeepsServingCompleteViewsAndEqualsAFreshBuild() throws Exception {
        OpsClient client = new OpsClient(http);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String caseId = client.openCase("19121212-1212", "Person" + i);
            client.command("AddNote", note(caseId, "history " + i));
            cases.add(caseId);
        }
        // the partner projection shares the processor: its keys are rebuilt and dropped with the others
        String offered = cases.get(1);
        DirectEvents.append(
                eventStore,
                offered,
                new BiddingOpened(
                        offered,
                        List.of(TestUsers.PARTNER_A_ID, TestUsers.PARTNER_B_ID),
                        "2099-01-01T00:00:00Z",
                        new PartnerCaseSummary(150_000, 60, LoanPurpose.CAR, IncomeBand.FROM_20000_TO_29999, 3)),
                new BidPlaced(
                        offered,
                        TestUsers.PARTNER_A_ID,
                        new BidTerms(
                                150_000, new BigDecimal("5.95"), new BigDecimal("6.2"), 60, 289_545, "2099-01-01")));
        awaitCaughtUp(client);
        long generationBefore = reader.generation();
        String watched = cases.get(0);

        HttpHeaders staff = new HttpHeaders();
        staff.setBasicAuth(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);
        try (SocketClient socket = SocketClient.connect(port, staff)) {
            socket.send("{\"subscribe\": \"view/open\"}");
            socket.send("{\"subscribe\": \"case/" + watched + "\"}");
            socket.next(f -> f.path("key").asText().equals("case/" + watched));

            AtomicBoolean running = new AtomicBoolean(true);
            List<String> violations = new CopyOnWriteArrayList<>();
            AtomicInteger commands = new AtomicInteger();
            Thread load = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    String caseId = client.openCase("19121212-1212", "Load" + i);
                    client.command("AddNote", note(caseId, "under load"));
                    client.command("AddNote", note(watched, "watched " + i++));
                    commands.addAndGet(3);
                }
            });
            Thread readers = new Thread(() -> {
                long lastCount = 0;
                long lastVersion = 0;
                while (running.get()) {
                    long count = reader.count("view/open");
                    Optional<ProjectionReader.Document> document = reader.document("case/" + watched);
                    if (count < lastCount || count < cases.size()) {
                        violations.add("view/open had " + count + " cases after " + lastCount);
                    }
                    if (document.isEmpty() || document.get().version() < lastVersion) {
                        violations.add("case/" + watched + " was "
                                + document.map(d -> "at version " + d.version()).orElse("missing")
                                + " after version " + lastVersion);
                    }
                    lastCount = Math.max(lastCount, count);
                    lastVersion =
                            document.map(ProjectionReader.Document::version).orElse(lastVersion);
                }
            });
            load.start();
            readers.start();
            try {
                awaitCommands(commands, 30);
                JsonNode started = client.post(
                        "/api/ops/rebuilds",
                        "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\", \"reason\": \"test\"}",
                        202);
                assertThat(started.get("processor").asText()).isEqualTo(ProcessingGroups.CASE_PROJECTIONS);
                client.post("/api/ops/rebuilds", "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\"}", 409);
                JsonNode done = awaitRebuild(client, started.get("id").asText());
                assertThat(done.get("generation").asLong()).isEqualTo(generationBefore + 1);
                assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
                awaitCommands(commands, commands.get() + 30); // commands flowed on after the switch
            } finally {
                running.set(false);
                load.join();
                readers.join();
            }
            assertThat(violations).isEmpty();
            awaitCaughtUp(client);
            assertThat(reader.generation()).isEqualTo(generationBefore + 1);

            long lastCount = 0;
            long lastVersion = 0;
            for (JsonNode frame : socket.drain()) {
                assertThat(frame.has("error")).as("frame %s", frame).isFalse();
                if (frame.path("key").asText().equals("view/open")) {
                    long count = frame.at("/doc/count").asLong();
                    assertThat(count).as("view/open on the socket").isGreaterThanOrEqualTo(lastCount);
                    lastCount = count;
                } else if (frame.path("key").asText().equals("case/" + watched)) {
                    assertThat(frame.get("version").asLong()).isGreaterThanOrEqualTo(lastVersion);
                    lastVersion = frame.get("version").asLong();
                }
            }
            assertThat(lastVersion)
                    .isEqualTo(reader.document("case/" + watched).orElseThrow().version());
        }

        String before = ProjectionStore.keyPrefix(REDIS.prefix(), generationBefore);
        assertThat(keys(before + "case/*")).as("the old generation is dropped").isEmpty();
        assertThat(keys(before + "partner*"))
                .as("the old generation's partner keys too")
                .isEmpty();
        Map<String, Object> underLoad = dump(generationBefore + 1);
        assertThat(underLoad)
                .containsKeys(
                        "partner/" + TestUsers.PARTNER_A_ID + "/offers",
                        "partner/" + TestUsers.PARTNER_A_ID + "/case/" + offered,
                        "partner/" + TestUsers.PARTNER_B_ID + "/case/" + offered);

        // a fresh build of the same events, with nothing flowing, writes exactly the same keys
        JsonNode fresh =
                client.post("/api/ops/rebuilds", "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\"}", 202);
        awaitRebuild(client, fresh.get("id").asText());
        assertThat(dump(generationBefore + 2)).isEqualTo(underLoad);
        assertThat(keys(ProjectionStore.keyPrefix(REDIS.prefix(), generationBefore + 1) + "*"))
                .isEmpty();
    }

    @Test
    void onlyRebuildableProjectionsAreRebuiltAndBadRequestsChangeNothing() {
        OpsClient client = new OpsClient(http);
        JsonNode refused = client.post(
                "/api/ops/rebuilds", "{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS_REBUILD + "\"}", 409);
        assertThat(refused.get("type").asText()).endsWith("/not-replayable");
        client.post("/api/ops/rebuilds", "{\"processor\": \"no-such-processor\"}", 404);
        client.post("/api/ops/rebuilds", "{\"processor\": 7}", 400);
        client.post("/api/ops/rebuilds", "[]", 400);
        assertThat(client.get("/api/ops/rebuilds").get("replayable"))
                .extracting(JsonNode::asText)
                .containsExactly(ProcessingGroups.CASE_PROJECTIONS);
        http.post()
                .uri("/api/ops/rebuilds")
                .bodyValue(Map.of("processor", ProcessingGroups.CASE_PROJECTIONS))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private static JsonNode awaitRebuild(OpsClient client, String id) {
        return OpsClient.await("rebuild " + id + " done", () -> {
            JsonNode current = client.get("/api/ops/rebuilds/current");
            if (!current.get("id").asText().equals(id)) {
                return Optional.empty();
            }
            assertThat(current.get("phase").asText()).isNotEqualTo("FAILED");
            return current.get("phase").asText().equals("DONE") ? Optional.of(current) : Optional.empty();
        });
    }

    private static void awaitCaughtUp(OpsClient client) {
        OpsClient.await(ProcessingGroups.CASE_PROJECTIONS + " caught up", () -> {
            JsonNode processor = client.get("/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS);
            return processor.get("lag").asLong() == 0
                            && processor.get("running").asBoolean()
                    ? Optional.of(processor)
                    : Optional.empty();
        });
    }

    private static void awaitCommands(AtomicInteger commands, int atLeast) {
        OpsClient.await(atLeast + " commands", () -> commands.get() >= atLeast ? Optional.of(true) : Optional.empty());
    }

    private List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            var page = redis.sync()
                    .scan(cursor, KeyScanArgs.Builder.matches(pattern).limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    /** Every key of a generation (without its prefix) and its content. */
    private Map<String, Object> dump(long generation) {
        String prefix = ProjectionStore.keyPrefix(REDIS.prefix(), generation);
        RedisCommands<String, String> sync = redis.sync();
        Map<String, Object> dump = new TreeMap<>();
        for (String key : keys(prefix + "*")) {
            String type = sync.type(key);
            Object value = switch (type) {
                case "string" -> sync.get(key);
                case "stream" ->
                    sync.xrange(key, Range.create("-", "+")).stream()
                            .map(m -> m.getId() + " " + m.getBody())
                            .toList();
                case "zset" -> {
                    Map<String, Double> members = new HashMap<>();
                    sync.zrangeWithScores(key, 0, -1).forEach(m -> members.put(m.getValue(), m.getScore()));
                    yield members;
                }
                default -> type;
            };
            dump.put(key.substring(prefix.length()), value);
        }
        return dump;
    }

    private static String note(String caseId, String text) {
        return "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}";
    }
}
