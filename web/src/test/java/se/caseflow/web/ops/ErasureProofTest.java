package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.ByteStoreScan;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.FakeTwilio;
import se.caseflow.testsupport.Needles;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.testsupport.TestPersonalNumbers;
import se.caseflow.uc.UcSimulator;
import se.caseflow.web.BiddingWindow;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;
import se.caseflow.web.config.GateNames;
import se.caseflow.web.uc.UcNode;
import se.caseflow.web.uc.UcNodes;

/**
 * Erased means erased, proven on the bytes: a person's two cases with a note, SMS both ways (the real Twilio SDK
 * against {@link FakeTwilio}, signed webhooks), a partner's bid and a UC credit report ({@link UcSimulator}),
 * published to an in-process Kafka broker and logged to a file; then every byte store is scanned ({@link
 * ByteStoreScan}: every table, every Redis key under the run's prefix, every record of every topic, the log file) for
 * the person's personnummer in its 10- and 12-digit forms, birth date, phone number in every common form, e-mail,
 * names, address, note and SMS texts, and for every HMAC of those under every key caseflow holds ({@link
 * KeysCaseflowHolds}), together with the HMACs of all 1,000 personnummer sharing the birth date (the walk an
 * attacker with the key file would make). Before the erasure the scan finds the person (so it can); after it,
 * nothing. Another person's data stays and is found. Once on one node, once on two nodes sharing the database,
 * Redis and broker, the work spread over both.
 *
 * <p>The person's data reaches caseflow over HTTP, the Twilio webhooks and UC, never as a command on Kafka: a
 * command on {@code case-commands} is kept in plaintext until its retention ends (docs/kafka.md), which the
 * other person's command and dead letter here show the scan finding.
 */
class ErasureProofTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
    private static final String TWILIO_ACCOUNT = "AC" + "e7a5ed00".repeat(4);
    private static final String TWILIO_TOKEN = "erasure-proof-twilio-token";
    private static final String TWILIO_FROM = "+46766860001";

    private static final String PERSON = "19811218-9876";
    private static final LocalDate BIRTH_DATE = LocalDate.of(1981, 12, 18);
    private static final String FIRST_NAME = "Erasmine";
    private static final String LAST_NAME = "Tvärhand";
    private static final String PHONE = "+46701234567";
    private static final String EMAIL = "Erasmine.Tvarhand@Example.se";
    private static final String STREET = "Raderingsvägen 14";
    private static final String POSTAL_CODE = "185 33";
    private static final String CITY = "Vaxholm";
    private static final String NOTE = "Skuldsanering hos Kronofogden avslutad 2019";
    private static final String SMS_OUT = "Hej, vi behöver ert anställningsavtal senast fredag";
    private static final String SMS_IN = "Jag mejlar anställningsavtalet från jobbet imorgon";

    private static final String DEAD_LETTERED_NOTE = "Inkassokrav från Lindorff på 12 400 kronor";

    private static final String KEEPER = "19121212-1212";
    private static final String KEEPER_FIRST_NAME = "Kerstin";
    private static final String KEEPER_LAST_NAME = "Tallroth";

    private static final String PARTNER = "nordbank";
    private static final BidTerms BID =
            new BidTerms(150_000, new BigDecimal("5.95"), new BigDecimal("6.23"), 60, 289_700, "2099-12-31");

    @Test
    void oneNodeLeavesNoTraceOfAnErasedPersonInAnyStore() throws Exception {
        try (Stand stand = Stand.start("erasure-proof-1", 1)) {
            prove(stand);
        }
    }

    @Test
    void twoNodesLeaveNoTraceOfAnErasedPersonInAnyStore() throws Exception {
        try (Stand stand = Stand.start("erasure-proof-2", 2)) {
            prove(stand);
        }
    }

    private void prove(Stand stand) throws Exception {
        String first = stand.openCase(0, openCase(PERSON, FIRST_NAME, LAST_NAME, "070-123 45 67", EMAIL));
        String second = stand.openCase(1, openCase(PERSON, FIRST_NAME, LAST_NAME, "0701234567", EMAIL));
        String keeperCommand = openCase(KEEPER, KEEPER_FIRST_NAME, KEEPER_LAST_NAME, "070-174 06 05", "k@example.se");
        stand.sendKafkaCommand("{\"type\": \"OpenCase\", \"payload\": " + keeperCommand + "}");
        // poison (an unknown envelope field): it goes to case-commands.DLT as it was sent
        stand.sendKafkaCommand("{\"type\": \"OpenCase\", \"payload\": " + keeperCommand + ", \"extra\": 1}");

        // UC: identity check and credit report of both cases; bidding opens on both
        for (String caseId : List.of(first, second)) {
            stand.awaitEvent(caseId, "BiddingOpened");
        }
        stand.client(1).command("AddNote", "{\"caseId\": \"" + first + "\", \"text\": \"" + NOTE + "\"}");
        String messageId = UUID.randomUUID().toString();
        stand.client(0)
                .command(
                        "SendSms",
                        "{\"caseId\": \"%s\", \"messageId\": \"%s\", \"text\": \"%s\"}"
                                .formatted(first, messageId, SMS_OUT));
        stand.partnerBid(first);

        String sid = stand.awaitSmsSent(first, messageId);
        String statusUrl = "/twilio/sms/status?caseId=" + first + "&messageId=" + messageId;
        stand.webhook(
                1, statusUrl, Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", TWILIO_ACCOUNT));
        stand.awaitRoutable(PHONE);
        Map<String, String> inbound = new LinkedHashMap<>();
        inbound.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        inbound.put("AccountSid", TWILIO_ACCOUNT);
        inbound.put("From", PHONE);
        inbound.put("To", TWILIO_FROM);
        inbound.put("Body", SMS_IN);
        stand.webhook(0, "/twilio/sms", inbound);

        // the bidding windows' hour passes once the bid is in: their deadlines, made due now, close them
        // (db-scheduler), the offers-ready SMS go out, the read side shows it all
        for (String caseId : List.of(first, second)) {
            stand.closeBiddingNow(caseId);
            stand.awaitEvent(caseId, "BiddingClosed");
            stand.awaitEverySmsSent(caseId);
        }
        // an inbound SMS goes to the sender's most recently opened case
        stand.awaitSmsFeed(second, SMS_IN);
        stand.awaitSmsFeed(first, SMS_OUT);
        // a note the read side cannot apply (its document unreadable for a moment) waits in the dead letters
        stand.deadLetterNote(1, second, DEAD_LETTERED_NOTE);

        Needles person = personNeedles(stand);
        Needles walk = walkNeedles(stand);
        List<ByteStoreScan.Hit> before = stand.scan(person);
        List<ByteStoreScan.Hit> walkedBefore = stand.scan(walk);
        // the scan finds the person while caseflow holds them: their read side, their look-up HMAC, their SMS index
        assertThat(before)
                .as("before the erasure")
                .anySatisfy(hit -> assertHit(hit, "redis", "first name"))
                .anySatisfy(hit -> assertHit(hit, "redis", "note"))
                .anySatisfy(hit -> assertHit(hit, "redis", "SMS to the person"))
                .anySatisfy(hit -> assertHit(hit, "redis", "SMS from the person"))
                .anySatisfy(
                        hit -> assertHit(hit, "redis", "HMAC(hmac key 0, blind-index PHONE_NUMBER, phone E.164) hex"))
                .anySatisfy(hit ->
                        assertHit(hit, "postgres", "HMAC(hmac key 0, subject-lookup.v2, personnummer 12 digits) hex"))
                .anySatisfy(hit -> {
                    assertHit(hit, "postgres", "HMAC(hmac key 0, blind-index PHONE_NUMBER, phone E.164) hex");
                    assertThat(hit.location()).startsWith("public.secrets_phone_subject");
                })
                .anySatisfy(hit -> {
                    assertHit(hit, "postgres", "SHA-256 fingerprint of an OpenCase hex");
                    assertThat(hit.location()).startsWith("public.idempotency_key");
                });
        assertThat(walkedBefore)
                .as("the 1,000-HMAC walk before the erasure: it finds the person's look-up row, and only theirs")
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.form()).contains(PERSON.replace("-", "")))
                .anySatisfy(hit -> assertThat(hit.location()).startsWith("public.secrets_subject_lookup"));

        System.out.println("Before the erasure the scan read " + stand.lastScanRead() + " values and found "
                + before.size() + " traces of the person: " + before);
        JsonNode erasure = stand.client(stand.size() - 1)
                .post("/api/ops/erasures", "{\"personalNumber\": \"" + PERSON + "\", \"reason\": \"GDPR-14\"}", 202);
        stand.awaitErased(erasure);

        assertThat(stand.scan(person))
                .as("after the erasure, the person in any form")
                .isEmpty();
        assertThat(stand.scan(walk))
                .as("after the erasure, the 1,000-HMAC walk")
                .isEmpty();
        assertThat(stand.scan(keeperNeedles()))
                .as("the other person is still there, in the read side and in the command topics")
                .anySatisfy(hit -> assertHit(hit, "redis", "keeper first name"))
                .anySatisfy(hit -> assertThat(hit.location()).startsWith("case-commands/"))
                .anySatisfy(hit -> assertThat(hit.location()).startsWith("case-commands.DLT/"));
        assertThat(stand.lastScanRead())
                .as("values each store gave the scan")
                .containsKeys("postgres", "redis", "kafka", "file");
    }

    private static void assertHit(ByteStoreScan.Hit hit, String store, String form) {
        assertThat(hit.store()).isEqualTo(store);
        assertThat(hit.form()).isEqualTo(form);
    }

    /** The person in every form, and every HMAC of every form under every key caseflow holds. */
    private static Needles personNeedles(Stand stand) throws Exception {
        Needles needles = new Needles()
                .personalNumber("personnummer", PERSON.replace("-", ""))
                .birthDate("birth date", BIRTH_DATE)
                .swedishMobile("phone", PHONE)
                .text("e-mail", EMAIL)
                .text("first name", FIRST_NAME)
                .text("last name", LAST_NAME)
                .text("full name", FIRST_NAME + " " + LAST_NAME)
                .text("street", STREET)
                .text("postal code", POSTAL_CODE)
                .text("city", CITY)
                .text("note", NOTE)
                .text("SMS to the person", SMS_OUT)
                .text("SMS from the person", SMS_IN)
                .text("dead-lettered note", DEAD_LETTERED_NOTE);
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("personnummer 12 digits", PERSON.replace("-", ""));
        plain.put("personnummer 12 digits with dash", PERSON);
        plain.put("personnummer 10 digits", PERSON.replace("-", "").substring(2));
        plain.put("phone E.164", PHONE);
        plain.put("phone national", "0701234567");
        plain.put("e-mail", EMAIL);
        plain.put("e-mail lower case", EMAIL.toLowerCase(Locale.ROOT));
        plain.put("full name", FIRST_NAME + " " + LAST_NAME);
        plain.put("note", NOTE);
        plain.put("SMS to the person", SMS_OUT);
        plain.put("SMS from the person", SMS_IN);
        plain.put("dead-lettered note", DEAD_LETTERED_NOTE);
        KeysCaseflowHolds keys = stand.keys();
        plain.forEach((label, value) -> keys.addEveryMac(needles, label, value));
        stand.derived().forEach(needles::bytes);
        return needles;
    }

    /** Every HMAC of each of the 1,000 personnummer born on the person's birth date, 12 and 10 digits. */
    private static Needles walkNeedles(Stand stand) throws Exception {
        Needles needles = new Needles();
        KeysCaseflowHolds keys = stand.keys();
        for (String candidate : TestPersonalNumbers.bornOn(BIRTH_DATE)) {
            keys.addEveryMac(needles, candidate, candidate);
            keys.addEveryMac(needles, candidate + " as " + candidate.substring(2), candidate.substring(2));
        }
        return needles;
    }

    private static Needles keeperNeedles() {
        return new Needles()
                .personalNumber("keeper personnummer", KEEPER.replace("-", ""))
                .text("keeper first name", KEEPER_FIRST_NAME)
                .text("keeper last name", KEEPER_LAST_NAME);
    }

    private static String openCase(String personalNumber, String first, String last, String phone, String email)
            throws Exception {
        boolean keeper = personalNumber.equals(KEEPER);
        Map<String, Object> address = Map.of(
                "street", keeper ? "Storgatan 1" : STREET,
                "postalCode", keeper ? "111 22" : POSTAL_CODE,
                "city", keeper ? "Stockholm" : CITY);
        Map<String, Object> applicant = Map.of(
                "personalNumber", personalNumber,
                "firstName", first,
                "lastName", last,
                "mobilePhone", phone,
                "email", email,
                "address", address);
        return JSON.writeValueAsString(Map.of(
                "applicant", applicant,
                "loan", Map.of("amountSek", 150_000, "termMonths", 60, "purpose", "CONSOLIDATION"),
                "income", Map.of("monthlyGrossSek", 42_000, "employmentType", "PERMANENT")));
    }

    /**
     * One database, one Redis prefix, one Kafka broker, one fake UC and Twilio and one key file, and one or two
     * caseflow nodes on them, each logging to a file of its own: the first in the test's JVM (its beans are what the
     * test drives the partner gate and reads the read side with), the second in a JVM of its own ({@link ChildNode}:
     * two nodes in one JVM would claim event-processor segments under one owner name), holding a segment of the case
     * projections.
     */
    private static final class Stand implements AutoCloseable {

        private final PostgresTestDatabase database;
        private final RedisTestPrefix redis;
        private final EmbeddedKafkaKraftBroker broker;
        // a report without payment remarks, so that bidding opens
        private final UcSimulator uc = UcSimulator.forTests().remarks(false);
        private final FakeTwilio twilio = FakeTwilio.start(TWILIO_ACCOUNT, TWILIO_TOKEN);
        private final Path keyFile;
        private final Path directory;
        private final List<Path> logFiles = new ArrayList<>();
        private ConfigurableApplicationContext first;
        private JvmLogFile firstLog;
        private ChildNode second;
        private final Map<String, byte[]> derived = new LinkedHashMap<>();
        private final JdbcTemplate jdbc;
        private Map<String, Integer> lastScanRead = Map.of();

        private Stand(String name) throws Exception {
            database = PostgresTestDatabase.create(name.replace("-", "_"));
            redis = RedisTestPrefix.create(name);
            broker = new EmbeddedKafkaKraftBroker(1, 2);
            broker.afterPropertiesSet();
            directory = Files.createTempDirectory("caseflow-" + name);
            keyFile = directory.resolve("keys.json");
            jdbc = new JdbcTemplate(database.dataSource());
        }

        static Stand start(String name, int size) throws Exception {
            Stand stand = new Stand(name);
            List<String> first = stand.arguments("first");
            // in the test's JVM Spring Boot may have set up logging before, for another test, and then writes no file
            first.removeIf(argument -> argument.startsWith("--logging.file.name="));
            stand.first = UcNode.start(first);
            stand.firstLog = JvmLogFile.start(stand.logFiles.get(0));
            if (size > 1) {
                Map<String, String> properties = new LinkedHashMap<>();
                for (String argument : stand.arguments("second")) {
                    int equals = argument.indexOf('=');
                    properties.put(argument.substring(2, equals), argument.substring(equals + 1));
                }
                // the child gets a port of its own
                properties.remove("server.port");
                stand.second = ChildNode.start(name, properties).awaitUp(Duration.ofSeconds(180));
                stand.eachNodeHoldsASegment();
            }
            return stand;
        }

        /** The first node gives up a segment of the case projections; the second claims it. */
        private void eachNodeHoldsASegment() {
            first.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(ProcessingGroups.CASE_PROJECTIONS, TrackingEventProcessor.class)
                    .orElseThrow()
                    .releaseSegment(1);
            OpsClient.await(
                    "a segment on each node",
                    () -> Optional.of(jdbc.queryForList(
                                    "SELECT DISTINCT owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL",
                                    String.class,
                                    ProcessingGroups.CASE_PROJECTIONS))
                            .filter(owners -> owners.size() == 2));
        }

        int size() {
            return second == null ? 1 : 2;
        }

        /** A node with UC against the fake ({@link UcNodes}), Twilio against the fake, Kafka, bidding, a log file. */
        private List<String> arguments(String node) {
            Path logFile = directory.resolve(node + ".log");
            logFiles.add(logFile);
            List<String> arguments = UcNodes.arguments(database, redis, uc, keyFile, "PT5S");
            // the log file gets what caseflow logs in production (INFO) and more (DEBUG)
            arguments.removeIf(argument -> argument.startsWith("--logging.level.root="));
            arguments.addAll(List.of(
                    "--spring.datasource.hikari.maximum-pool-size=8",
                    "--caseflow.security.users[1].name=" + TestUsers.OPS,
                    "--caseflow.security.users[1].password-hash=" + BCRYPT.encode(TestUsers.OPS_PASSWORD),
                    "--caseflow.security.users[1].roles=OPS",
                    "--caseflow.twilio.account-sid=" + TWILIO_ACCOUNT,
                    "--caseflow.twilio.auth-token=" + TWILIO_TOKEN,
                    "--caseflow.twilio.from=" + TWILIO_FROM,
                    "--caseflow.twilio.public-base-url=" + PostgresApplicationTest.PUBLIC_BASE_URL,
                    "--caseflow.twilio.api-base-url=" + twilio.baseUrl(),
                    "--caseflow.kafka.enabled=true",
                    "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--caseflow.bidding.window=PT1H",
                    "--caseflow.bidding.minimum-risk-class=1",
                    "--caseflow.bidding.partners[0].id=" + PARTNER,
                    "--caseflow.bidding.partners[0].name=Nordbank",
                    "--caseflow.bidding.partners[0].min-amount-sek=20000",
                    "--caseflow.bidding.partners[0].max-amount-sek=600000",
                    "--caseflow.bidding.partners[0].min-term-months=12",
                    "--caseflow.bidding.partners[0].max-term-months=144",
                    "--caseflow.bidding.partners[0].minimum-risk-class=1",
                    "--db-scheduler.polling-interval=PT0.5S",
                    "--logging.file.name=" + logFile,
                    "--logging.level.se.caseflow=DEBUG"));
            return arguments;
        }

        /** Node {@code n} modulo the number of nodes: its base URL. */
        private String base(int n) {
            return n % size() == 0
                    ? "http://localhost:" + first.getEnvironment().getProperty("local.server.port")
                    : second.base();
        }

        private WebTestClient http(int n) {
            return WebTestClient.bindToServer()
                    .baseUrl(base(n))
                    .defaultHeaders(h -> h.setBasicAuth(UcNodes.STAFF, UcNodes.STAFF_PASSWORD))
                    .responseTimeout(Duration.ofSeconds(60))
                    .build();
        }

        /** Staff commands and the ops API on node {@code n} (modulo the number of nodes). */
        OpsClient client(int n) {
            return new OpsClient(http(n));
        }

        /**
         * Opens a case with an idempotency key, as a careful client does. The key's row keeps a fingerprint of the
         * command (SHA-256 of its type and canonical payload, as the command gate makes it), kept as a needle.
         */
        String openCase(int n, String command) throws Exception {
            byte[] canonical = JSON.writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(JSON.readValue(command, Object.class));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("OpenCase\0".getBytes(StandardCharsets.UTF_8));
            derived.put("SHA-256 fingerprint of an OpenCase", sha256.digest(canonical));
            return http(n).post()
                    .uri("/api/commands/OpenCase")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(command)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("caseId")
                    .asText();
        }

        /**
         * Makes the case's document unreadable, adds a note (the case projection dead-letters it, and queues the case's
         * later events behind it), and puts the document back: the note stays in the dead-letter table.
         */
        void deadLetterNote(int n, String caseId, String text) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                String document = redis.prefix() + "case/" + caseId;
                String readable = connection.sync().get(document);
                connection.sync().set(document, "{not json");
                client(n).command("AddNote", "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}");
                String letters = "/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS + "/dead-letters";
                OpsClient.await("the note dead-lettered", () -> {
                    for (JsonNode sequence : client(0).get(letters).get("items")) {
                        if (sequence.get("sequence").asText().equals(caseId)) {
                            return Optional.of(sequence);
                        }
                    }
                    return Optional.empty();
                });
                connection.sync().set(document, readable);
            } finally {
                client.shutdown();
            }
        }

        void closeBiddingNow(String caseId) {
            assertThat(BiddingWindow.closeNow(jdbc, caseId))
                    .as("the case's one bidding-window deadline")
                    .isEqualTo(1);
        }

        void partnerBid(String caseId) throws Exception {
            CommandGate gate = first.getBean(GateNames.PARTNER, CommandGate.class);
            String bid = JSON.writeValueAsString(Map.of("caseId", caseId, "partnerId", PARTNER, "terms", BID));
            CommandOutcome outcome;
            do {
                outcome = gate.submit(new CommandRequest("PlaceBid", JSON.readTree(bid), null, "test-partner"));
            } while (outcome instanceof CommandOutcome.Refused refused
                    && refused.code().equals("concurrent-change"));
            assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class);
        }

        void sendKafkaCommand(String message) throws Exception {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(
                                "case-commands", UUID.randomUUID().toString(), message))
                        .get();
            }
        }

        /** A webhook signed as Twilio signs it; the signature is kept, as a needle: it is an HMAC of the message. */
        void webhook(int n, String pathAndQuery, Map<String, String> form) {
            String signature =
                    FakeTwilio.signature(TWILIO_TOKEN, PostgresApplicationTest.PUBLIC_BASE_URL + pathAndQuery, form);
            derived.put(
                    "Twilio signature of the webhook " + pathAndQuery + " " + form.keySet(),
                    Base64.getDecoder().decode(signature));
            LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
            form.forEach(body::add);
            WebTestClient.bindToServer()
                    .baseUrl(base(n))
                    .responseTimeout(Duration.ofSeconds(60))
                    .build()
                    .post()
                    .uri(pathAndQuery)
                    .header("X-Twilio-Signature", signature)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(body))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        /** What the test derived from the person's requests as caseflow does: webhook signatures, fingerprints. */
        Map<String, byte[]> derived() {
            return derived;
        }

        KeysCaseflowHolds keys() throws Exception {
            return new KeysCaseflowHolds(keyFile, TWILIO_TOKEN);
        }

        private ProjectionReader reader() {
            return first.getBean(ProjectionReader.class);
        }

        private List<String> eventTypes(String caseId) {
            return jdbc
                    .queryForList(
                            "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                                    + " ORDER BY sequencenumber",
                            String.class,
                            caseId)
                    .stream()
                    .map(type -> type.substring(type.lastIndexOf('.') + 1))
                    .toList();
        }

        void awaitEvent(String caseId, String type) {
            OpsClient.await(
                    type + " on " + caseId,
                    () -> Optional.of(caseId).filter(id -> eventTypes(id).contains(type)));
        }

        /** Every SMS the case asked for was handed to Twilio. */
        void awaitEverySmsSent(String caseId) {
            OpsClient.await(
                    "every SMS of " + caseId + " sent",
                    () -> Optional.of(eventTypes(caseId))
                            .filter(types -> count(types, "SmsRequested") == count(types, "SmsSent")));
        }

        private static long count(List<String> types, String type) {
            return types.stream().filter(type::equals).count();
        }

        String awaitSmsSent(String caseId, String messageId) {
            return OpsClient.await(
                    "SMS " + messageId + " sent",
                    () -> smsFeed(caseId).stream()
                            .filter(e -> "SmsSent".equals(e.get("type")) && messageId.equals(e.get("messageId")))
                            .map(e -> e.get("messageSid"))
                            .findFirst());
        }

        void awaitSmsFeed(String caseId, String text) {
            OpsClient.await(
                    "'" + text + "' in the SMS conversation",
                    () -> smsFeed(caseId).stream()
                            .filter(e -> text.equals(e.get("text")))
                            .findFirst());
        }

        private List<Map<String, String>> smsFeed(String caseId) {
            return reader().feed("case/" + caseId + "/sms", null, 1000).stream()
                    .map(ProjectionReader.FeedEntry::fields)
                    .toList();
        }

        /** Inbound SMS find their case through the read side's routing index: wait until it knows the number. */
        void awaitRoutable(String e164) {
            PersonalDataVault vault = first.getBean(PersonalDataVault.class);
            String view = "sms/phone/" + vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164);
            OpsClient.await(
                    "the number routable",
                    () -> Optional.of(view).filter(v -> reader().view(v, 0, 1).count() > 0));
        }

        /** Waits until every segment of the read side, on whichever node, is past the erasure's event. */
        void awaitErased(JsonNode erasure) {
            assertThat(erasure.get("shredded").asBoolean()).isTrue();
            String status = "/api/ops/erasures/" + erasure.get("id").asText();
            OpsClient.await(
                    "every segment past the erasure",
                    () -> Optional.of(client(0).get(status))
                            .filter(progress -> progress.get("status").asText().equals("DONE")));
        }

        List<ByteStoreScan.Hit> scan(Needles needles) {
            ByteStoreScan scan = new ByteStoreScan(needles)
                    .postgres(database.dataSource())
                    .redis(redis.uri(), redis.prefix())
                    .kafka(broker.getBrokersAsString());
            logFiles.forEach(scan::file);
            lastScanRead = scan.valuesRead();
            return scan.hits();
        }

        Map<String, Integer> lastScanRead() {
            return lastScanRead;
        }

        @Override
        public void close() {
            if (second != null) {
                try {
                    second.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            first.close();
            firstLog.close();
            broker.destroy();
            uc.close();
            twilio.close();
            database.close();
            redis.close();
            try {
                FileSystemUtils.deleteRecursively(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
