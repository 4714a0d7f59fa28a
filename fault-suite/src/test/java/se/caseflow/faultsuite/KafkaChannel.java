package se.caseflow.faultsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The suite's side of caseflow's Kafka channel: it writes commands to {@code case-commands} and follows
 * {@code case-command-results} from the start in the background, across the broker's restart; at the end it reads
 * whole topics.
 */
final class KafkaChannel implements AutoCloseable {

    static final String COMMANDS = "case-commands";
    static final String RESULTS = "case-command-results";
    static final String EVENTS = "case-events";
    static final String DEAD_LETTERS = "case-commands.DLT";
    /** caseflow's consumer group on {@link #COMMANDS}. */
    static final String GROUP = "caseflow-commands";
    /** A record limit no answer fits in: the broker refuses every answer with RECORD_TOO_LARGE. */
    private static final String TOO_SMALL_FOR_ANY_ANSWER = "16";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final Map<String, List<JsonNode>> results = new ConcurrentHashMap<>();
    private final Thread follower;
    private volatile boolean following = true;

    KafkaChannel(String bootstrap) {
        this.bootstrap = bootstrap;
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        120_000),
                new StringSerializer(),
                new StringSerializer());
        follower = new Thread(this::follow, "fault-suite-results");
        follower.setDaemon(true);
        follower.start();
    }

    /** Sends a command message and waits for the broker's acknowledgement (the producer retries an outage). */
    void send(String recordKey, String message) throws Exception {
        producer.send(new ProducerRecord<>(COMMANDS, recordKey, message)).get(130, TimeUnit.SECONDS);
    }

    /**
     * While {@code refused}, the broker refuses every answer caseflow publishes to {@link #RESULTS} (the topic's
     * {@code max.message.bytes} set below any answer's size): a command is handled, its answer cannot be published,
     * and its record's offset stays uncommitted, as when the results send fails or times out.
     */
    void refuseAnswers(boolean refused) throws Exception {
        ConfigEntry limit = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TOO_SMALL_FOR_ANY_ANSWER);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, RESULTS),
                            List.of(new AlterConfigOp(
                                    limit, refused ? AlterConfigOp.OpType.SET : AlterConfigOp.OpType.DELETE))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The offset caseflow's group committed on each partition of {@link #COMMANDS} (absent: none yet). */
    Map<Integer, Long> committed() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<Integer, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (partition.topic().equals(COMMANDS) && offset != null) {
                    committed.put(partition.partition(), offset.offset());
                }
            });
            return committed;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Every answer read so far, by record key (a command's idempotency key, or its record key without one). */
    Map<String, List<JsonNode>> results() {
        return results;
    }

    /** Every record of a topic from its beginning up to its end now. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (following && partitions.isEmpty()) {
                try {
                    consumer.partitionsFor(RESULTS, Duration.ofSeconds(5))
                            .forEach(info -> partitions.add(new TopicPartition(RESULTS, info.partition())));
                } catch (RuntimeException notYet) {
                    // the nodes create the topic at start-up
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (following) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    results.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                            .add(read(record.value()));
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        following = false;
        follower.join(10_000);
        producer.close(Duration.ofSeconds(5));
    }
}
