package se.caseflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.ConfigurableApplicationContext;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * The Redis projections (processor {@code case-projections}) on PostgreSQL and the real Redis: events/s
 * projected while commands arrive, the same for a full rebuild (reset + replay), p50/p99 of applying one
 * event (measured around the handler inside the processor), the processor's lag, and beside it the raw
 * baseline of plain Redis writes per event (SET + ZADD + XADD pipelined, Lettuce) in the same run.
 *
 * <p>Arguments: {@code cases=N threads=T} (defaults 5000 cases of 4 events each, 16 command threads).
 */
public final class ProjectionBenchmark {

    private static final String PROCESSOR = ProcessingGroups.CASE_PROJECTIONS;

    private ProjectionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("cases", 5000, "threads", 16));
        int cases = options.get("cases");
        int threads = options.get("threads");

        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app = BenchApplication.start(database, redis);
            try {
                measure(app, redis, cases, threads);
            } finally {
                app.close();
            }
        }
        // Axon's non-daemon "axon-janitor" thread would keep the JVM alive
        System.exit(0);
    }

    private static void measure(ConfigurableApplicationContext app, RedisTestPrefix redis, int cases, int threads)
            throws Exception {
        CommandGateway gateway = app.getBean(CommandGateway.class);
        EventStore eventStore = app.getBean(EventStore.class);
        StreamingEventProcessor processor = Processors.named(app, PROCESSOR);
        int events = cases * 4;
        AtomicReference<LatencyRecorder> applyLatency = new AtomicReference<>(new LatencyRecorder(events * 2));
        MessageHandlerInterceptor<org.axonframework.eventhandling.EventMessage<?>> timer = (unitOfWork, chain) -> {
            long began = System.nanoTime();
            try {
                return chain.proceed();
            } finally {
                applyLatency.get().record(System.nanoTime() - began);
            }
        };
        Registration timing = processor.registerHandlerInterceptor(timer);
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        long headBefore = Processors.head(eventStore);

        // 1. live: T client threads each open, note twice and close one case after another; the processor follows
        long liveStart = System.nanoTime();
        LatencyRecorder.Result commands =
                LoadRunner.run("one case's 4 commands (OpenCase, AddNote x2, CloseCase)", cases, threads, c -> {
                    String id = ids.get(c);
                    ObjectNode body = (ObjectNode) json.readTree(TestPeople.openCase(c));
                    body.put("caseId", id);
                    gateway.sendAndWait(json.treeToValue(body, OpenCase.class));
                    gateway.sendAndWait(new AddNote(id, "Called the applicant"));
                    gateway.sendAndWait(new AddNote(id, "Payslip received"));
                    gateway.sendAndWait(new CloseCase(id, CloseReason.NO_OFFERS, null));
                });
        long commandsEnd = System.nanoTime();
        long head = Processors.head(eventStore);
        long lagAtLoadEnd = head - Processors.position(processor);
        Processors.waitUntilCaughtUp(processor, head);
        long caughtUp = System.nanoTime();
        long liveNanos = caughtUp - liveStart;
        LatencyRecorder.Result live = applyLatency.get().summarise("projected live (while commands arrive)", liveNanos);
        live = new LatencyRecorder.Result(
                live.name(),
                live.operations(),
                (head - headBefore) / (liveNanos / 1e9),
                live.p50Millis(),
                live.p99Millis());

        // 2. rebuild: what ops get when they reset the processor: wipe the keys, replay every event
        applyLatency.set(new LatencyRecorder(events * 2));
        long rebuildStart = System.nanoTime();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        Processors.waitUntilCaughtUp(processor, head);
        long rebuildNanos = System.nanoTime() - rebuildStart;
        LatencyRecorder.Result rebuild =
                applyLatency.get().summarise("projected in a rebuild (reset + replay)", rebuildNanos);
        timing.cancel();

        // 3. baseline: the Redis writes one event needs at the least, pipelined, no Axon, no Lua, no reads
        String document = redisDocument(app, ids.get(0));
        RedisClient client = RedisClient.create(redis.uri());
        LatencyRecorder.Result raw;
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            String base = redis.prefix() + "raw/";
            raw = LoadRunner.run("plain Redis: SET + ZADD + XADD pipelined per event", events, 4, n -> {
                RedisFuture<String> set = async.set(base + "case/" + n / 4, document);
                RedisFuture<Long> zadd = async.zadd(base + "view/open", n, Integer.toString(n / 4));
                RedisFuture<String> xadd = async.xadd(
                        base + "case/" + n / 4 + "/activity",
                        Map.of("version", "1", "type", "NoteAdded", "text", "Note " + n, "at", "2026-11-25T08:30:00Z"));
                set.get(5, TimeUnit.SECONDS);
                zadd.get(5, TimeUnit.SECONDS);
                xadd.get(5, TimeUnit.SECONDS);
            });
            connection.sync().del(base + "view/open");
        } finally {
            client.shutdown();
        }

        Report.print(
                "Projections to Redis, " + cases + " cases x 4 events, processor " + PROCESSOR
                        + " (tracking, batch 100, 2 threads, 2 segments)",
                List.of(raw, live, rebuild, commands),
                raw);
        System.out.println(String.format(
                Locale.ROOT,
                "Lag when the commands stopped: %d events; after catching up: %d events; live catch-up took %.1f s after the load",
                lagAtLoadEnd,
                head - Processors.position(processor),
                (caughtUp - commandsEnd) / 1e9));
        Report.memory(ManagementFactory.getMemoryMXBean());
        redisMemory(redis, cases);
    }

    private static String redisDocument(ConfigurableApplicationContext app, String caseId) {
        return app.getBean(se.caseflow.projections.read.ProjectionReader.class)
                .document("case/" + caseId)
                .orElseThrow()
                .json();
    }

    private static void redisMemory(RedisTestPrefix redis, int cases) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var sync = connection.sync();
            String id = sync.keys(redis.prefix() + "case/*/activity").get(0);
            String caseKey = id.substring(0, id.length() - "/activity".length());
            long perCase = sync.memoryUsage(caseKey)
                    + sync.memoryUsage(id)
                    + sync.memoryUsage(caseKey.replace("case/", "applied/case/"));
            String used = sync.info("memory")
                    .lines()
                    .filter(line -> line.startsWith("used_memory_human:"))
                    .findFirst()
                    .orElse("?");
            System.out.println(String.format(
                    Locale.ROOT,
                    "Redis: about %d bytes per closed case (document + 4-entry feed + position); server %s for %d cases and everything else on it",
                    perCase,
                    used,
                    cases));
        } finally {
            client.shutdown();
        }
    }
}
