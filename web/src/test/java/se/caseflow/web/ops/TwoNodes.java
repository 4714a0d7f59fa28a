package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.LocalRedisServer;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisDump;

/**
 * Two caseflow nodes in JVMs of their own (Axon names a segment's owner after its JVM, so two contexts in one JVM
 * would be one owner) on one database and one Redis of the test's own, which the test may kill; commands as staff,
 * the ops API as the ops user, and the read side as Redis holds it.
 */
final class TwoNodes implements AutoCloseable {

    static final String PREFIX = "caseflow:";
    static final String PROCESSOR = "/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS;

    private static final Duration START = Duration.ofSeconds(240);
    private static final String STAFF = "two-nodes-staff";
    private static final String STAFF_PASSWORD = "two-nodes-staff-password";
    private static final String OPS = "two-nodes-ops";
    private static final String OPS_PASSWORD = "two-nodes-ops-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    final PostgresTestDatabase database;
    final LocalRedisServer redis;
    final List<ChildNode> nodes = new ArrayList<>();
    private final Path keys;

    private TwoNodes(String name) throws IOException {
        database = PostgresTestDatabase.create(name.replace('-', '_'));
        redis = LocalRedisServer.start(name);
        keys = Files.createTempDirectory("caseflow-" + name + "-keys").resolve("keys.json");
        keys.toFile().deleteOnExit();
    }

    /** Two nodes; {@code first} are properties of the first node only. */
    static TwoNodes start(String name, Map<String, String> first) throws Exception {
        TwoNodes world = new TwoNodes(name);
        try {
            Map<String, String> firstProperties = world.properties();
            firstProperties.putAll(first);
            world.nodes.add(ChildNode.start(name + "-a", firstProperties));
            world.nodes.add(ChildNode.start(name + "-b", world.properties()));
            for (ChildNode node : world.nodes) {
                node.awaitUp(START);
            }
            return world;
        } catch (Exception | AssertionError e) {
            world.close();
            throw e;
        }
    }

    private Map<String, String> properties() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        Map<String, String> p = ChildNode.onPostgres(database, redis.uri(), PREFIX, keys);
        p.put("caseflow.allow.simulated-sms", "true");
        String[][] users = {{STAFF, STAFF_PASSWORD, "STAFF"}, {OPS, OPS_PASSWORD, "OPS"}};
        for (int i = 0; i < users.length; i++) {
            String user = "caseflow.security.users[" + i + "].";
            p.put(user + "name", users[i][0]);
            p.put(user + "password-hash", bcrypt.encode(users[i][1]));
            p.put(user + "roles", users[i][2]);
        }
        p.put("caseflow.ops.read-side-loss-check-interval", "PT1S");
        p.put("caseflow.ops.rebuild-lock-ttl", "PT3S");
        p.put("caseflow.ops.rebuild-drop-delay", "PT0.2S");
        // a dead node's segments are taken over within seconds
        p.put("axon.eventhandling.tokenstore.claim-timeout", "PT3S");
        return p;
    }

    ChildNode node(int index) {
        return nodes.get(index);
    }

    String openCase(ChildNode node, String firstName) {
        return command(node, "OpenCase", OpsClient.OPEN_CASE.formatted("19121212-1212", firstName))
                .get("caseId")
                .asText();
    }

    void note(ChildNode node, String caseId, String text) {
        command(node, "AddNote", "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}");
    }

    private JsonNode command(ChildNode node, String type, String body) {
        return answer(call(() -> node.postCommand(type, body, STAFF, STAFF_PASSWORD)), 200);
    }

    JsonNode get(ChildNode node, String path) {
        return answer(call(() -> node.get(path, OPS, OPS_PASSWORD)), 200);
    }

    JsonNode post(ChildNode node, String path, String body, int status) {
        return answer(call(() -> node.post(path, body, OPS, OPS_PASSWORD)), status);
    }

    /** The node's health component {@code readSide}: UP, DEGRADED. */
    String readSide(ChildNode node) {
        return get(node, "/actuator/health").at("/components/readSide/status").asText();
    }

    boolean processorRunning(ChildNode node) {
        return get(node, PROCESSOR).path("running").asBoolean();
    }

    /** Every rebuild a node knows of (the current one and its history) for a reason. */
    List<JsonNode> rebuilds(ChildNode node, String reason) {
        JsonNode all = get(node, "/api/ops/rebuilds");
        List<JsonNode> found = new ArrayList<>();
        all.path("history").forEach(found::add);
        if (all.hasNonNull("current")) {
            found.add(all.get("current"));
        }
        return found.stream()
                .filter(r -> r.path("reason").asText().equals(reason))
                .toList();
    }

    /** The ids of the rebuilds for a reason on both nodes together, each once. */
    List<String> rebuildIds(String reason) {
        return nodes.stream()
                .flatMap(node -> rebuilds(node, reason).stream())
                .map(r -> r.get("id").asText())
                .distinct()
                .toList();
    }

    /** Waits until a node's current rebuild is the one with this id and DONE. */
    void awaitDone(ChildNode node, String id) {
        awaitRebuild("rebuild " + id + " done on " + node.base(), () -> {
            JsonNode current = get(node, "/api/ops/rebuilds").path("current");
            return current.path("id").asText().equals(id)
                            && current.path("phase").asText().equals("DONE")
                    ? Optional.of(true)
                    : Optional.empty();
        });
    }

    /**
     * Waits for a rebuild's outcome, failing with what the nodes logged about it. A rebuild on two nodes waits for
     * the check's interval, the lock's ttl and (taken over) a dead node's claims: minutes on a loaded machine.
     */
    <T> T awaitRebuild(String what, Supplier<Optional<T>> probe) {
        try {
            return OpsClient.await(what, Duration.ofMinutes(3), probe);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + rebuildLogs(), e);
        }
    }

    /** Every rebuild both nodes know of, for a failure's message. */
    String allRebuilds() {
        StringBuilder all = new StringBuilder();
        for (ChildNode node : nodes) {
            all.append(node.base())
                    .append(": ")
                    .append(get(node, "/api/ops/rebuilds"))
                    .append('\n');
        }
        return all.toString();
    }

    /** What each node logged about rebuilds and segments, and its warnings. */
    String rebuildLogs() {
        StringBuilder logs = new StringBuilder();
        for (ChildNode node : nodes) {
            logs.append("--- ")
                    .append(node.base())
                    .append(" (the whole log: ")
                    .append(node.logFile())
                    .append(")\n");
            try {
                List<String> lines = node.log().stream()
                        .filter(line -> line.contains("ebuild")
                                || line.contains("egment")
                                || line.contains("WARN")
                                || line.contains("ERROR"))
                        .toList();
                lines.subList(Math.max(0, lines.size() - 60), lines.size())
                        .forEach(line -> logs.append(line).append('\n'));
            } catch (IOException e) {
                logs.append(e).append('\n');
            }
        }
        return logs.toString();
    }

    /**
     * Spreads the segments of {@code case-projections} over both nodes, as nodes' restarts leave them: segment 1
     * is claimed in the token table for a node that then dies, so its holder's worker finds the claim taken and
     * leaves the segment alone for twice its claim interval (10 s), while the other node, with threads free, claims
     * it once the dead node's claim expired (3 s) at its next look (every 5 s).
     */
    void spreadSegments() {
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        OpsClient.await(
                "both segments claimed",
                () -> owners(jdbc).stream().allMatch(Objects::nonNull) ? Optional.of(true) : Optional.empty());
        if (new HashSet<>(owners(jdbc)).size() == 1) {
            jdbc.update(
                    "UPDATE tokenentry SET owner = 'a-node-that-died', timestamp = ? WHERE processorname = ?"
                            + " AND segment = 1",
                    DateTimeUtils.formatInstant(Instant.now()),
                    ProcessingGroups.CASE_PROJECTIONS);
        }
        OpsClient.await("each node holding a segment", () -> {
            List<String> owners = owners(jdbc);
            return owners.stream().allMatch(Objects::nonNull) && new HashSet<>(owners).size() == 2
                    ? Optional.of(true)
                    : Optional.empty();
        });
    }

    private static List<String> owners(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "SELECT owner FROM tokenentry WHERE processorname = ? ORDER BY segment",
                String.class,
                ProcessingGroups.CASE_PROJECTIONS);
    }

    long generation() {
        String value = redis.call(r -> r.get(PREFIX + ProjectionStore.GENERATION_KEY));
        return value == null ? 0 : Long.parseLong(value);
    }

    boolean marked() {
        return redis.call(r -> r.exists(PREFIX + ProjectionStore.EPOCH_KEY)) == 1;
    }

    /** A case document's version in the serving generation (-1: none). */
    long version(String caseId) {
        String json = redis.call(r -> r.get(ProjectionStore.keyPrefix(PREFIX, generation()) + "case/" + caseId));
        try {
            return json == null ? -1 : JSON.readTree(json).path("version").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitVersion(String caseId, long version) {
        OpsClient.await(
                "case " + caseId + " at version " + version,
                () -> version(caseId) >= version ? Optional.of(true) : Optional.empty());
    }

    /** The read side of a generation, key for key. */
    SortedMap<String, String> dump(long generation) {
        return redis.call(r -> RedisDump.byKey(
                r,
                ProjectionStore.keyPrefix(PREFIX, generation),
                // generation 0's prefix also holds the pointer, the marker, the lock, the ops document and newer ones
                key -> Stream.of("case/", "view/", "applied/", "partner", "sms/")
                        .anyMatch(key::startsWith)));
    }

    private static JsonNode answer(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private static HttpResponse<String> call(Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (ChildNode node : nodes) {
            node.close();
        }
        redis.close();
        database.close();
    }
}
