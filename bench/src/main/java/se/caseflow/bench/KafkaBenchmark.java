package se.caseflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * The Kafka publisher ({@code kafka-publisher} processor) on PostgreSQL against an in-process KRaft broker:
 * end-to-end lag from an accepted OpenCase to its CaseOpened record read by a consumer of {@code case-events}
 * while commands arrive, and the publish rate of a backlog (publisher stopped during the load, then started).
 *
 * <p>Arguments: {@code operations=N threads=T warmup=W} (defaults 5000, 16, 500).
 */
public final class KafkaBenchmark {

    private static final String PROCESSOR = ProcessingGroups.KAFKA_PUBLISHER;

    private KafkaBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("operations", 5000, "threads", 16, "warmup", 500));
        int operations = options.get("operations");
        int threads = options.get("threads");
        int warmup = options.get("warmup");

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker.afterPropertiesSet();
        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app = BenchApplication.start(
                    database,
                    redis,
                    "--caseflow.kafka.enabled=true",
                    "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
            try (EventsReader events = new EventsReader(broker.getBrokersAsString())) {
                measure(app, events, operations, threads, warmup);
            } finally {
                app.close();
            }
        } finally {
            broker.destroy();
        }
        // the embedded broker leaves non-daemon threads behind that keep the JVM up for minutes
        System.exit(0);
    }

    private static void measure(
            ConfigurableApplicationContext app, EventsReader events, int operations, int threads, int warmup)
            throws Exception {
        CommandGate gate = app.getBean(CommandGate.class);
        EventProcessor publisher = app.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PROCESSOR)
                .orElseThrow();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        String run = UUID.randomUUID().toString();
        ObjectMapper json = new ObjectMapper();
        LoadRunner.Operation openCase = n -> {
            String caseId = caseId(run, n);
            ObjectNode payload = (ObjectNode) json.readTree(TestPeople.openCase(n));
            payload.put("caseId", caseId);
            CommandOutcome outcome = gate.submit(new CommandRequest("OpenCase", payload, null, "bench"));
            if (!(outcome instanceof CommandOutcome.Accepted)) {
                throw new IllegalStateException("Gate refused: " + outcome);
            }
            acceptedAt.put(caseId, System.nanoTime());
        };

        LoadRunner.run("warm-up", warmup, threads, n -> openCase.run(operations * 2 + n));
        events.awaitCount(warmup, Duration.ofMinutes(2));

        long liveStart = System.nanoTime();
        LatencyRecorder.Result commands =
                LoadRunner.run("OpenCase through the CommandGate (publisher running)", operations, threads, openCase);
        events.awaitCount(warmup + operations, Duration.ofMinutes(5));
        long liveNanos = events.lastReadAt() - liveStart;
        LatencyRecorder lags = new LatencyRecorder(operations);
        for (int n = 0; n < operations; n++) {
            String caseId = caseId(run, n);
            lags.record(Math.max(0, events.readAt(caseId) - acceptedAt.get(caseId)));
        }
        LatencyRecorder.Result live = lags.summarise("command accepted -> CaseOpened read from case-events", liveNanos);

        publisher.shutDown();
        LoadRunner.run("backlog", operations, threads, n -> openCase.run(operations + n));
        long backlogStart = System.nanoTime();
        publisher.start();
        events.awaitCount(warmup + 2L * operations, Duration.ofMinutes(5));
        double backlogSeconds = (events.lastReadAt() - backlogStart) / 1e9;

        Report.print(
                "Case events to Kafka on PostgreSQL, " + operations + " OpenCase, " + threads + " client threads",
                List.of(commands, live),
                commands);
        System.out.println(String.format(
                Locale.ROOT,
                "Backlog: %d events published and read in %.2f s = %.0f events/s (publisher started after the load)",
                operations,
                backlogSeconds,
                operations / backlogSeconds));
        Report.memory(ManagementFactory.getMemoryMXBean());
    }

    private static String caseId(String run, int n) {
        return UUID.nameUUIDFromBytes((run + n).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A consumer of case-events on its own thread, noting when each case's first record was read. */
    private static final class EventsReader implements AutoCloseable {

        private final Map<String, Long> readAt = new ConcurrentHashMap<>();
        private final AtomicLong lastReadAt = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        EventsReader(String bootstrapServers) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false,
                            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                            10),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            thread = new Thread(() -> read(consumer), "case-events-reader");
            thread.start();
        }

        private void read(KafkaConsumer<String, byte[]> consumer) {
            try (consumer) {
                List<TopicPartition> partitions = consumer.partitionsFor("case-events", Duration.ofSeconds(60)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (var record : records) {
                        Header type = record.headers().lastHeader("event-type");
                        if (type != null && new String(type.value(), StandardCharsets.UTF_8).equals("CaseOpened")) {
                            readAt.putIfAbsent(record.key(), now);
                            lastReadAt.set(now);
                        }
                    }
                }
            }
        }

        void awaitCount(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (readAt.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + readAt.size() + " of " + count + " events arrived");
                }
                Thread.sleep(10);
            }
        }

        long readAt(String caseId) {
            return readAt.get(caseId);
        }

        long lastReadAt() {
            return lastReadAt.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
