package se.caseflow.web.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.kafka.KafkaConfiguration;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * The Kafka channel end to end: the whole application on real PostgreSQL against an in-process KRaft broker
 * (spring-kafka-test), read and written by plain Kafka clients as another system would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaChannelTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("kafka");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("kafka");
    private static final int BROKER_PORT = freePort();
    private static final String BOOTSTRAP = "localhost:" + BROKER_PORT;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    /** The broker lives in the application context, so it is closed after the app's own Kafka clients stop. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Broker {
        @Bean(destroyMethod = "destroy")
        EmbeddedKafkaKraftBroker embeddedKafka() {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
            // a fixed client port, so that the broker can be restarted where the clients expect it
            broker.brokerProperty("listeners", "EXTERNAL://localhost:" + BROKER_PORT + ",CONTROLLER://localhost:0");
            return broker;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path keys = Files.createTempDirectory("caseflow-keys");
        keys.toFile().deleteOnExit();
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("caseflow.secrets.generate-if-missing", () -> "true");
        registry.add("caseflow.allow.generated-keys", () -> "true");
        registry.add("caseflow.allow.simulated-sms", () -> "true");
        registry.add("caseflow.redis.uri", REDIS::uri);
        registry.add("caseflow.redis.key-prefix", REDIS::prefix);
        registry.add(
                "caseflow.secrets.key-file", () -> keys.resolve("keys.json").toString());
        registry.add("spring.kafka.bootstrap-servers", () -> BOOTSTRAP);
        registry.add("caseflow.kafka.enabled", () -> "true");
        // the topic contents below are counted exactly: no identity or credit-check events
        registry.add("caseflow.uc.enabled", () -> "false");
        registry.add("caseflow.kafka.partitions", () -> "3");
        // short, so that the broker outage below makes the publisher fail its batches and retry them
        registry.add("caseflow.kafka.send-timeout", () -> "PT2S");
    }

    @Autowired
    CommandGate gate;

    @Autowired
    EmbeddedKafkaKraftBroker broker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    EventProcessingConfiguration processing;

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(),
            new ByteArraySerializer());

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    @Order(0)
    void theCommandsTopicAndItsDeadLettersKeepCommandsOnlyForTheirRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            List<ConfigResource> topics = Stream.of("case-commands", "case-commands.DLT", "case-events")
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS);

            // set on the topic itself (the commands topic's 7 days happen to be the broker's default as well)
            ConfigEntry commands = configs.get(topics.get(0)).get(TopicConfig.RETENTION_MS_CONFIG);
            assertThat(commands.value())
                    .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            assertThat(commands.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            ConfigEntry deadLetters = configs.get(topics.get(1)).get(TopicConfig.RETENTION_MS_CONFIG);
            assertThat(deadLetters.value())
                    .isEqualTo(Long.toString(Duration.ofDays(3).toMillis()));
            assertThat(deadLetters.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(configs.get(topics.get(2))
                            .get(TopicConfig.RETENTION_MS_CONFIG)
                            .source())
                    .as("the events topic keeps the broker's retention")
                    .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        }
    }

    @Test
    @Order(1)
    void everyEventIsPublishedInOrderPerCase() throws Exception {
        Map<String, Integer> accepted = runCases(20, 49, 20);
        assertThat(accepted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);

        try (TopicReader events = new TopicReader(BOOTSTRAP, "case-events")) {
            // a batch the broker acknowledged later than the send timeout (a loaded machine) is published again:
            // the contract is every event at least once, in order per case, the first copy of each event id
            List<ConsumerRecord<String, byte[]>> read = of(
                    events.readUntil(records -> distinctEventIds(of(records, accepted.keySet())) >= 1000, PATIENCE),
                    accepted.keySet());
            List<ConsumerRecord<String, byte[]>> ours = dedupe(read);
            System.out.printf("1000 events, %d records read (%d re-published)%n", read.size(), read.size() - 1000);

            assertThat(ours).hasSize(1000);
            accepted.forEach((caseId, count) -> assertThat(sequences(ours, caseId))
                    .as("case-sequence of %s in topic order", caseId)
                    .containsExactlyElementsOf(
                            LongStream.range(0, count).boxed().toList()));

            ConsumerRecord<String, byte[]> opened = ours.stream()
                    .filter(r -> header(r, "event-type").equals("CaseOpened"))
                    .findFirst()
                    .orElseThrow();
            JsonNode value = JSON.readTree(opened.value());
            assertThat(value.get("caseId").asText()).isEqualTo(opened.key());
            assertThat(header(opened, "event-revision")).isEqualTo("2");
            assertThat(header(opened, "event-timestamp")).endsWith("Z");
            assertThat(Instant.parse(header(opened, "event-timestamp"))).isNotNull();
            assertThat(header(opened, "case-sequence")).isEqualTo("0");
            String text = new String(opened.value(), StandardCharsets.UTF_8);
            assertThat(text)
                    .doesNotContain("19121212", "****", "Tolvansson", "070-174", "Storgatan", "Index")
                    .contains("\"loan\"");
        }
    }

    @Test
    @Order(2)
    void commandsInResultsOut() throws Exception {
        String key = UUID.randomUUID().toString();
        String invalidKey = UUID.randomUUID().toString();
        String missingCaseKey = UUID.randomUUID().toString();
        send(key, envelope("OpenCase", key, CommandPayloads.openCase()));
        send(invalidKey, envelope("OpenCase", invalidKey, "{\"loan\": {\"amountSek\": -5}}"));
        send(key, envelope("OpenCase", key, CommandPayloads.openCase()));
        send(
                key,
                envelope(
                        "AddNote",
                        key,
                        CommandPayloads.addNote(UUID.randomUUID().toString(), "other payload")));
        send(
                "r-5",
                envelope(
                        "AddNote",
                        missingCaseKey,
                        CommandPayloads.addNote(UUID.randomUUID().toString(), "hello")));
        send("no-key-record", envelope("ApproveEverything", null, "{}"));
        // the SMS saga's and the Twilio webhooks' own commands are internal: unknown here, like a made-up name
        String forgedStatusKey = UUID.randomUUID().toString();
        String forgedInboundKey = UUID.randomUUID().toString();
        String someCase = UUID.randomUUID().toString();
        String sid = "SM" + "0123456789abcdef".repeat(2);
        send(
                forgedStatusKey,
                envelope(
                        "RecordSmsStatus",
                        forgedStatusKey,
                        "{\"caseId\": \"%s\", \"messageId\": \"%s\", \"messageSid\": \"%s\", \"status\": \"DELIVERED\"}"
                                .formatted(someCase, UUID.randomUUID(), sid)));
        send(
                forgedInboundKey,
                envelope(
                        "ReceiveSms",
                        forgedInboundKey,
                        "{\"caseId\": \"%s\", \"messageSid\": \"%s\", \"from\": \"+46701740605\", \"body\": \"Hej\", \"openCasesForSender\": 1}"
                                .formatted(someCase, sid)));

        try (TopicReader results = new TopicReader(BOOTSTRAP, "case-command-results")) {
            Set<String> keys =
                    Set.of(key, invalidKey, missingCaseKey, "no-key-record", forgedStatusKey, forgedInboundKey);
            Map<String, List<JsonNode>> answers =
                    results.readUntil(read -> countFor(read, keys) >= 8, PATIENCE).stream()
                            .filter(r -> keys.contains(r.key()))
                            .collect(Collectors.groupingBy(
                                    ConsumerRecord::key,
                                    Collectors.mapping(r -> json(r.value()), Collectors.toList())));
            // one partition per key: the answers to one key come in the order the commands were sent
            assertThat(answers.get(key)).hasSize(3);
            JsonNode first = answers.get(key).get(0);
            assertThat(first.get("status").asText()).isEqualTo("accepted");
            assertThat(first.get("idempotencyKey").asText()).isEqualTo(key);
            assertThat(first.get("type").asText()).isEqualTo("OpenCase");
            assertThat(first.get("replayed").asBoolean()).isFalse();
            String caseId = first.get("caseId").asText();

            JsonNode repeat = answers.get(key).get(1);
            assertThat(repeat.get("status").asText()).isEqualTo("accepted");
            assertThat(repeat.get("caseId").asText()).isEqualTo(caseId);
            assertThat(repeat.get("replayed").asBoolean()).isTrue();

            JsonNode reused = answers.get(key).get(2);
            assertThat(reused.get("status").asText()).isEqualTo("key-conflict");
            assertThat(reused.get("code").asText()).isEqualTo("idempotency-key-reused");

            JsonNode invalid = answers.get(invalidKey).get(0);
            assertThat(invalid.get("status").asText()).isEqualTo("invalid");
            assertThat(invalid.get("violations").findValuesAsText("pointer")).contains("/applicant", "/loan/amountSek");
            assertThat(invalid.get("violations").findValuesAsText("message")).allMatch(m -> !m.isBlank());

            JsonNode missing = answers.get(missingCaseKey).get(0);
            assertThat(missing.get("status").asText()).isEqualTo("refused");
            assertThat(missing.get("code").asText()).isEqualTo("case-not-found");

            JsonNode unknown = answers.get("no-key-record").get(0);
            assertThat(unknown.get("status").asText()).isEqualTo("unknown-type");
            assertThat(unknown.has("idempotencyKey")).isFalse();

            for (String forged : List.of(forgedStatusKey, forgedInboundKey)) {
                assertThat(answers.get(forged)).singleElement().satisfies(answer -> {
                    assertThat(answer.get("status").asText()).isEqualTo("unknown-type");
                    assertThat(answer.get("code").asText()).isEqualTo("unknown-command");
                });
            }
            assertThat(answers.get(forgedStatusKey).get(0).get("type").asText()).isEqualTo("RecordSmsStatus");
            assertThat(answers.get(forgedInboundKey).get(0).get("type").asText())
                    .isEqualTo("ReceiveSms");

            // and the accepted command's event comes out on the events topic, exactly once
            try (TopicReader events = new TopicReader(BOOTSTRAP, "case-events")) {
                List<ConsumerRecord<String, byte[]>> opened =
                        of(events.readUntil(read -> countFor(read, Set.of(caseId)) >= 1, PATIENCE), Set.of(caseId));
                assertThat(opened).hasSize(1);
                assertThat(header(opened.get(0), "event-type")).isEqualTo("CaseOpened");
            }
        }
    }

    @Test
    @Order(3)
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String run = UUID.randomUUID().toString();
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put(run + "-not-json", "{this is not json".getBytes(StandardCharsets.UTF_8));
        poison.put(run + "-array", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        poison.put(run + "-no-type", "{\"payload\": {}}".getBytes(StandardCharsets.UTF_8));
        poison.put(
                run + "-extra-field",
                "{\"type\": \"OpenCase\", \"payload\": {}, \"sql\": \"drop\"}".getBytes(StandardCharsets.UTF_8));
        poison.put(
                run + "-payload-not-object",
                "{\"type\": \"OpenCase\", \"payload\": 5}".getBytes(StandardCharsets.UTF_8));
        poison.put(
                run + "-too-deep",
                ("{\"type\":\"OpenCase\",\"payload\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41))
                        .getBytes(StandardCharsets.UTF_8));
        poison.put(run + "-too-large", new byte[70_000]);
        poison.put(run + "-trailing", "{\"type\": \"OpenCase\", \"payload\": {}} {}".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> message : poison.entrySet()) {
            producer.send(new ProducerRecord<>("case-commands", message.getKey(), message.getValue()))
                    .get();
        }
        String afterwards = UUID.randomUUID().toString();
        send(run + "-valid", envelope("OpenCase", afterwards, CommandPayloads.openCase()));

        try (TopicReader deadLetters = new TopicReader(BOOTSTRAP, "case-commands.DLT");
                TopicReader results = new TopicReader(BOOTSTRAP, "case-command-results")) {
            Map<String, String> reasons =
                    deadLetters.readUntil(read -> countFor(read, poison.keySet()) >= poison.size(), PATIENCE).stream()
                            .filter(r -> poison.containsKey(r.key()))
                            .collect(Collectors.toMap(
                                    ConsumerRecord::key, r -> header(r, KafkaConfiguration.REASON_HEADER)));
            assertThat(reasons).containsOnlyKeys(poison.keySet());
            assertThat(reasons.get(run + "-not-json")).startsWith("The message is not valid JSON");
            assertThat(reasons.get(run + "-array")).isEqualTo("The message is not a JSON object");
            assertThat(reasons.get(run + "-no-type")).contains("'type'");
            assertThat(reasons.get(run + "-extra-field")).contains("Unexpected field 'sql'");
            assertThat(reasons.get(run + "-payload-not-object")).contains("'payload'");
            assertThat(reasons.get(run + "-too-deep")).contains("JSON limit");
            assertThat(reasons.get(run + "-too-large")).contains("larger than 65536 bytes");
            assertThat(reasons.get(run + "-trailing")).startsWith("The message is not valid JSON");

            JsonNode answer = json(results.readUntil(read -> countFor(read, Set.of(afterwards)) >= 1, PATIENCE).stream()
                    .filter(r -> r.key().equals(afterwards))
                    .findFirst()
                    .orElseThrow()
                    .value());
            assertThat(answer.get("status").asText()).isEqualTo("accepted");
        }
    }

    /**
     * Half the stream is acknowledged by the broker, the broker stops, the other half is accepted while it is down
     * and the publisher fails a batch on it (the barrier: the processor reports the error), then the broker comes
     * back: every event is on the topic, in order per case, and the failed batch was published again.
     */
    @Test
    @Order(4)
    void aBrokerRestartMidStreamLosesNothing() throws Exception {
        BrokerServer server = broker.getCluster().brokers().values().iterator().next();
        HealthIndicator kafkaHealth = (HealthIndicator) health.getContributor("kafka");
        assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.UP);
        Map<String, Integer> firstHalf = runCases(10, 14, 5);
        int expected = 300;
        try (TopicReader events = new TopicReader(BOOTSTRAP, "case-events")) {
            events.readUntil(read -> distinctEventIds(of(read, firstHalf.keySet())) >= 150, PATIENCE);
            server.shutdown();
            server.awaitShutdown();
            try {
                assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.DOWN);
                addNotes(firstHalf.keySet(), 15, 29);
                awaitPublisherError();
            } finally {
                server.startup();
            }
            assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.UP);

            List<ConsumerRecord<String, byte[]>> ours = of(
                    events.readUntil(read -> distinctEventIds(of(read, firstHalf.keySet())) >= expected, PATIENCE),
                    firstHalf.keySet());
            List<ConsumerRecord<String, byte[]>> deduped = dedupe(ours);
            assertThat(deduped).hasSize(expected);
            firstHalf
                    .keySet()
                    .forEach(caseId -> assertThat(sequences(deduped, caseId))
                            .as("case-sequence of %s after dedupe by event-id", caseId)
                            .containsExactlyElementsOf(
                                    LongStream.range(0, 30).boxed().toList()));
            assertThat(ours.size() - expected)
                    .as("records of the batch that failed during the outage, published again")
                    .isPositive();
        }
    }

    /** Waits until the publisher has failed a batch (its processor reports an error), at most {@link #PATIENCE}. */
    private void awaitPublisherError() throws InterruptedException {
        StreamingEventProcessor publisher = processing
                .eventProcessor(ProcessingGroups.KAFKA_PUBLISHER, StreamingEventProcessor.class)
                .orElseThrow();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (publisher.processingStatus().values().stream().noneMatch(EventTrackerStatus::isErrorState)) {
            assertThat(System.nanoTime())
                    .as("the publisher never failed a batch while the broker was down")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Adds notes {@code first} to {@code last} to each case, one client thread per case. */
    private void addNotes(Set<String> caseIds, int first, int last) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String caseId : caseIds) {
                work.add(pool.submit(() -> {
                    for (int n = first; n <= last; n++) {
                        submit("AddNote", CommandPayloads.addNote(caseId, "note " + n));
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @Order(5)
    void aRecordWithoutAKeyDeliveredAgainOpensOneCase() throws Exception {
        String recordKey = "no-idempotency-key-" + UUID.randomUUID();
        RecordMetadata sent = producer.send(new ProducerRecord<>(
                        "case-commands",
                        recordKey,
                        envelope("OpenCase", null, CommandPayloads.openCase()).getBytes(StandardCharsets.UTF_8)))
                .get();

        try (TopicReader results = new TopicReader(BOOTSTRAP, "case-command-results")) {
            JsonNode first = json(of(
                            results.readUntil(read -> countFor(read, Set.of(recordKey)) >= 1, PATIENCE),
                            Set.of(recordKey))
                    .get(0)
                    .value());
            assertThat(first.get("status").asText()).isEqualTo("accepted");
            assertThat(first.get("replayed").asBoolean()).isFalse();

            // what a crash or rebalance before the offset commit does: the group reads the record again
            MessageListenerContainer commands = listeners.getListenerContainer("caseflow-commands");
            commands.stop();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
                admin.alterConsumerGroupOffsets(
                                "caseflow-commands",
                                Map.of(
                                        new TopicPartition(sent.topic(), sent.partition()),
                                        new OffsetAndMetadata(sent.offset())))
                        .all()
                        .get();
            }
            commands.start();

            List<ConsumerRecord<String, byte[]>> answers =
                    of(results.readUntil(read -> countFor(read, Set.of(recordKey)) >= 2, PATIENCE), Set.of(recordKey));
            JsonNode again = json(answers.get(1).value());
            assertThat(again.get("status").asText()).isEqualTo("accepted");
            assertThat(again.get("caseId").asText())
                    .isEqualTo(first.get("caseId").asText());
            assertThat(again.get("replayed").asBoolean())
                    .as("the first answer, not a second case")
                    .isTrue();
        }
    }

    /** Opens {@code cases} cases and adds {@code notes} notes to each, one client thread per case. */
    private Map<String, Integer> runCases(int cases, int notes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map.Entry<String, Integer>>> work = new ArrayList<>();
            for (int c = 0; c < cases; c++) {
                work.add(pool.submit(() -> {
                    String caseId = UUID.randomUUID().toString();
                    submit("OpenCase", CommandPayloads.openCaseWithId(caseId));
                    for (int n = 1; n <= notes; n++) {
                        submit("AddNote", CommandPayloads.addNote(caseId, "note " + n));
                    }
                    return Map.entry(caseId, notes + 1);
                }));
            }
            Map<String, Integer> accepted = new HashMap<>();
            for (Future<Map.Entry<String, Integer>> f : work) {
                accepted.put(f.get().getKey(), f.get().getValue());
            }
            return accepted;
        } finally {
            pool.shutdown();
        }
    }

    private void submit(String type, String payload) {
        CommandOutcome outcome = gate.submit(new CommandRequest(type, json(payload), null, "test"));
        assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class);
    }

    private void send(String recordKey, String value) throws Exception {
        producer.send(new ProducerRecord<>("case-commands", recordKey, value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static String envelope(String type, String key, String payload) {
        String keyField = key == null ? "" : "\"idempotencyKey\": \"" + key + "\", ";
        return "{\"type\": \"" + type + "\", " + keyField + "\"payload\": " + payload + "}";
    }

    private static List<ConsumerRecord<String, byte[]>> of(
            List<ConsumerRecord<String, byte[]>> records, Collection<String> keys) {
        return records.stream().filter(r -> keys.contains(r.key())).toList();
    }

    private static long countFor(List<ConsumerRecord<String, byte[]>> records, Collection<String> keys) {
        return records.stream().filter(r -> keys.contains(r.key())).count();
    }

    private static long distinctEventIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, "event-id")).distinct().count();
    }

    /** What every consumer of case-events does: keep the first record of each event id. */
    private static List<ConsumerRecord<String, byte[]>> dedupe(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> seen = new HashSet<>();
        return records.stream().filter(r -> seen.add(header(r, "event-id"))).toList();
    }

    private static List<Long> sequences(List<ConsumerRecord<String, byte[]>> records, String caseId) {
        return records.stream()
                .filter(r -> r.key().equals(caseId))
                .map(r -> Long.parseLong(header(r, "case-sequence")))
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
