package se.caseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * Rebuild speed of the read side from a large event store, beside the raw speed of reading and deserialising
 * the same events in the same run. One case's four events (OpenCase, two notes, CloseCase) are made through
 * the command side, then copied in SQL to {@code events} events (new case and event ids, the same wrapped
 * applicant), with the live processor parked at the head. Then: (1) raw: read every event through Axon's
 * storage engine and deserialise its payload; (2) a rebuild through {@code POST /api/ops/rebuilds}: the twin
 * processor replays everything into a new Redis generation, timed from the start to the switch.
 */
public final class RebuildBenchmark {

    private static final String PROCESSOR = ProcessingGroups.CASE_PROJECTIONS;
    private static final String OPS_PASSWORD = "bench-ops-password";

    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("events", 1_000_000));
        int events = options.get("events") / 4 * 4;
        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app = BenchApplication.start(
                    database,
                    redis,
                    "--caseflow.security.users[1].name=benchops",
                    "--caseflow.security.users[1].password-hash=" + new BCryptPasswordEncoder(4).encode(OPS_PASSWORD),
                    "--caseflow.security.users[1].roles=OPS");
            try {
                measure(app, events);
            } finally {
                app.close();
            }
        }
        System.exit(0); // Axon's non-daemon "axon-janitor" thread would keep the JVM alive
    }

    private static void measure(ConfigurableApplicationContext app, int events) throws Exception {
        StreamingEventProcessor live = app.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow();
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        String template = templateCase(app.getBean(CommandGateway.class));
        live.shutDown();

        long seedStart = System.nanoTime();
        int cases = events / 4;
        // the gap-free index trigger updates one counter row per event: fine for commands, quadratic for a
        // million rows in one statement, so the copies get their indexes here and the counter is set after
        jdbc.execute("ALTER TABLE domainevententry DISABLE TRIGGER domainevententry_gap_free_global_index");
        long base = jdbc.queryForObject("SELECT last_value FROM event_global_index WHERE id = 1", Long.class);
        jdbc.update(
                "INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,"
                        + " metadata, payload, payloadrevision, payloadtype, \"timestamp\")"
                        + " SELECT ? + (g - 1) * 4 + t.sequencenumber + 1, 'bench-' || g, t.sequencenumber, t.type,"
                        + " md5(g || '-' || t.sequencenumber), t.metadata,"
                        + " convert_to(replace(convert_from(t.payload, 'UTF8'), ?, 'bench-' || g), 'UTF8'),"
                        + " t.payloadrevision, t.payloadtype, t.\"timestamp\""
                        + " FROM generate_series(1, ?) g CROSS JOIN"
                        + " (SELECT * FROM domainevententry WHERE aggregateidentifier = ?) t",
                base,
                template,
                cases,
                template);
        jdbc.update("UPDATE event_global_index SET last_value = ? WHERE id = 1", base + 4L * cases);
        jdbc.execute("ALTER TABLE domainevententry ENABLE TRIGGER domainevententry_gap_free_global_index");
        jdbc.execute("ANALYZE domainevententry");
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long total = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        // the live processor starts at the head: only the rebuild reads the history
        live.resetTokens(source -> source.createHeadToken());
        live.start();
        System.out.printf(Locale.ROOT, "Seeded %,d events (%,d cases) in %.1f s%n", total, cases + 1, seedSeconds);

        // 1. raw: read and deserialise every event, as a processor's reader does
        EventStorageEngine engine = app.getBean(EventStorageEngine.class);
        long rawStart = System.nanoTime();
        long read = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
            for (var iterator = stream.iterator(); iterator.hasNext() && read < total; ) {
                if (iterator.next().getPayload() != null) {
                    read++;
                }
            }
        }
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

        // 2. the rebuild, as ops start it: build a new generation while the old one serves, then switch
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String authorization = "Basic "
                + Base64.getEncoder().encodeToString(("benchops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        long rebuildStart = System.nanoTime();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ops/rebuilds"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"processor\": \"" + PROCESSOR + "\", \"reason\": \"benchmark\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("Rebuild refused: " + started.body());
        }
        double buildSeconds = 0;
        JsonNode progress;
        while (true) {
            Thread.sleep(200);
            progress = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ops/rebuilds/current"))
                                    .header("Authorization", authorization)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String phase = progress.get("phase").asText();
            if (buildSeconds == 0 && !phase.equals("PREPARING") && !phase.equals("BUILDING")) {
                buildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            }
            if (phase.equals("DONE") || phase.equals("FAILED")) {
                break;
            }
        }
        double allSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        if (!progress.get("phase").asText().equals("DONE")) {
            throw new IllegalStateException("Rebuild failed: " + progress);
        }
        double rawRate = read / rawSeconds;
        double rebuildRate = total / buildSeconds;
        System.out.println();
        System.out.println("### Rebuild (" + String.format(Locale.ROOT, "%,d", total) + " events)");
        System.out.println();
        System.out.println("| what | events | s | events/s | ratio to raw |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.printf(
                Locale.ROOT,
                "| raw: read + deserialise (storage engine) | %d | %.1f | %.0f | 1.00 |%n",
                read,
                rawSeconds,
                rawRate);
        System.out.printf(
                Locale.ROOT,
                "| rebuild into a new generation, start to switch | %d | %.1f | %.0f | %.2f |%n",
                total,
                buildSeconds,
                rebuildRate,
                rebuildRate / rawRate);
        System.out.printf(
                Locale.ROOT,
                "%nWhole rebuild incl. switch and drop delay: %.1f s; progress said %s events/s at the end.%n",
                allSeconds,
                progress.get("eventsPerSecond"));
        Report.memory(ManagementFactory.getMemoryMXBean());
    }

    /** One case's four events through the command side: real wrapped tokens, real serialised payloads. */
    private static String templateCase(CommandGateway gateway) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String id = UUID.randomUUID().toString();
        ObjectNode body = (ObjectNode) json.readTree(TestPeople.openCase(1));
        body.put("caseId", id);
        gateway.sendAndWait(json.treeToValue(body, OpenCase.class));
        gateway.sendAndWait(new AddNote(id, "Called the applicant"));
        gateway.sendAndWait(new AddNote(id, "Payslip received"));
        gateway.sendAndWait(new CloseCase(id, CloseReason.NO_OFFERS, null));
        return id;
    }
}
