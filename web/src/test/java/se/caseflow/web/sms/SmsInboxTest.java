package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static se.caseflow.web.PostgresApplicationTest.PUBLIC_BASE_URL;
import static se.caseflow.web.PostgresApplicationTest.TWILIO_TOKEN;
import static se.caseflow.web.sms.SmsEndToEndTest.await;
import static se.caseflow.web.sms.SmsEndToEndTest.e164;
import static se.caseflow.web.sms.SmsEndToEndTest.randomMobile;
import static se.caseflow.web.sms.SmsEndToEndTest.randomSid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.TestRedis;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * Inbound SMS while the parts they are routed with are away: Twilio never sends an inbound message again, so the
 * webhook stores it first and answers 200, and the message reaches its case once Redis is back; a second delivery
 * stores nothing new. With the database away (this test's database refusing every connection, for real) the message
 * waits encrypted in the node's spool on disk; only when the disk fails too the answer is 503. Redis is a server of
 * the test's own, killed and started again for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
class SmsInboxTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("sms_inbox");
    private static final TestRedis REDIS = TestRedis.ownServer("sms-inbox");

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectionReader reader;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    SmsSpool spool;

    @LocalServerPort
    int port;

    WebTestClient twilio;

    WebTestClient ops;

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
        registry.add("caseflow.redis.timeout", () -> "PT1S");
        registry.add("caseflow.twilio.inbox-retry-interval", () -> "PT1S");
    }

    @BeforeEach
    void clients() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        twilio = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        ops = twilio.mutate()
                .defaultHeaders(headers -> headers.setBasicAuth(TestUsers.OPS, TestUsers.OPS_PASSWORD))
                .build();
    }

    @Test
    void aMessageWhileRedisIsDownIsAnswered200StoredOnceAndReachesItsCaseWhenRedisIsBack() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        String view = "sms/phone/" + vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164(phone));
        await(() -> Optional.of(true).filter(x -> reader.view(view, 0, 1).count() > 0));
        REDIS.server().call(redis -> redis.save());
        REDIS.server().kill();

        String sid = randomSid();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", "Lönespecen kommer i morgon");
        inbound(form).expectStatus().isOk();
        inbound(form).expectStatus().isOk();
        String secondSid = randomSid();
        inbound(Map.of("MessageSid", secondSid, "From", e164(phone), "Body", "Och kontoutdraget"))
                .expectStatus()
                .isOk();

        assertThat(jdbc.queryForList("SELECT message FROM sms_inbox WHERE message_sid = ?", String.class, sid))
                .singleElement()
                .satisfies(message -> assertThat(message)
                        .doesNotContain("Lönespecen")
                        .doesNotContain(e164(phone).substring(1)));
        assertThat(received(sid)).isZero();

        REDIS.server().restart();

        await(() -> Optional.of(true).filter(x -> routed(sid) && settled(secondSid)));
        assertThat(received(sid)).isEqualTo(1);
        assertThat(caseOf(sid)).isEqualTo(caseId);
        assertThat(received(secondSid))
                .as("routing the first message shreds its own subject, not the waiting one's from the same number")
                .isEqualTo(1);
        assertThat(caseOf(secondSid)).isEqualTo(caseId);
        assertThat(jdbc.queryForObject("SELECT message FROM sms_inbox WHERE message_sid = ?", String.class, sid))
                .as("a routed message leaves nothing personal in the inbox")
                .isNull();
        inbound(form).expectStatus().isOk();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sms_inbox WHERE message_sid = ?", Integer.class, sid))
                .isEqualTo(1);
    }

    @Test
    void aMessageWhileRedisLostItsDataWaitsForTheRebuildAndReachesItsCase() throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        String view = "sms/phone/" + vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164(phone));
        await(() -> Optional.of(true).filter(x -> reader.view(view, 0, 1).count() > 0));
        REDIS.server().kill();
        Files.deleteIfExists(REDIS.server().directory().resolve("dump.rdb"));
        REDIS.server().restart();

        // the phone index is gone until the read side is rebuilt (within the loss check's 5 s and the rebuild)
        String sid = randomSid();
        inbound(Map.of("MessageSid", sid, "From", e164(phone), "Body", "Är ni kvar?"))
                .expectStatus()
                .isOk();

        await(() -> Optional.of(true).filter(x -> routed(sid)));
        assertThat(received(sid)).isEqualTo(1);
        assertThat(caseOf(sid))
                .as("routed to its case, not to the unmatched feed")
                .isEqualTo(caseId);
    }

    @Test
    void aMessageWhileTheDatabaseIsAwayIsAnswered200FromTheSpoolEncryptedOnceAndReachesItsCaseWhenItIsBack()
            throws Exception {
        String phone = randomMobile();
        String caseId = openCase(phone);
        String view = "sms/phone/" + vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164(phone));
        await(() -> Optional.of(true).filter(x -> reader.view(view, 0, 1).count() > 0));
        String sid = randomSid();
        String body = "Lönespecen kommer i morgon, ring mig efter lunch";
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(phone), "Body", body);

        DATABASE.refuseConnections();
        try {
            inbound(form).expectStatus().isOk();
            inbound(form).expectStatus().isOk(); // Twilio's retry of the same MessageSid: the same file

            assertThat(files("*.sms")).as("one file per MessageSid").containsExactly(sid + ".sms");
            byte[] everything = new byte[0];
            for (String name : files("*")) {
                everything =
                        concat(everything, Files.readAllBytes(spool.directory().resolve(name)));
            }
            for (String plaintext : List.of(e164(phone), e164(phone).substring(3), body, "Lönespecen")) {
                assertThat(indexOf(everything, plaintext.getBytes(StandardCharsets.UTF_8)))
                        .as("the spool holds no plaintext '%s'", plaintext)
                        .isEqualTo(-1);
            }
            assertSpoolHealthDegradedWith("spooled", 1);
        } finally {
            DATABASE.acceptConnections();
        }

        await(() -> Optional.of(true).filter(x -> routed(sid)));
        assertThat(received(sid)).isEqualTo(1);
        assertThat(caseOf(sid)).isEqualTo(caseId);
        assertThat(files("*"))
                .as("the file left once the inbox committed the message, and the spool's key with the last file")
                .containsExactly("spool.lock");
        inbound(form).expectStatus().isOk();
        assertThat(received(sid)).isEqualTo(1);
    }

    @Test
    void aSpooledFileThatDoesNotOpenIsSetAsideForAPersonAndCountedInHealth() throws Exception {
        String sid = randomSid();
        Files.createDirectories(spool.directory());
        // what a node finds when the spool's key is gone (deleted by hand, or another KEK): not the spool's format
        Files.write(
                spool.directory().resolve(sid + ".sms"), "not sealed by the spool".getBytes(StandardCharsets.UTF_8));

        await(() -> Optional.of(true).filter(x -> Files.exists(spool.directory().resolve(sid + ".unreadable"))));
        try {
            assertThat(files("*.sms")).isEmpty();
            assertThat(received(sid)).isZero();
            assertSpoolHealthDegradedWith("unreadable", 1);
        } finally {
            Files.delete(spool.directory().resolve(sid + ".unreadable"));
        }
    }

    @Test
    void aMessageNeitherTheInboxNorTheDiskCanStoreIsAnswered503AndTwiliosRetryIsRecorded() throws Exception {
        String sid = randomSid();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(randomMobile()), "Body", "Hallå?");
        jdbc.execute("CREATE FUNCTION inbox_down() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'injected fault: the inbox cannot store'; END $$");
        jdbc.execute("CREATE TRIGGER inbox_down BEFORE INSERT ON sms_inbox FOR EACH ROW EXECUTE FUNCTION inbox_down()");
        // the disk fails for real too: where the spool's directory should be there is a plain file
        Path directory = spool.directory();
        for (String name : files("*")) {
            Files.delete(directory.resolve(name));
        }
        Files.deleteIfExists(directory);
        Files.writeString(directory, "not a directory");
        try {
            inbound(form).expectStatus().isEqualTo(503);
        } finally {
            jdbc.execute("DROP TRIGGER inbox_down ON sms_inbox");
            jdbc.execute("DROP FUNCTION inbox_down()");
            Files.delete(directory);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sms_inbox WHERE message_sid = ?", Integer.class, sid))
                .isZero();

        inbound(form).expectStatus().isOk();

        await(() -> Optional.of(true).filter(x -> routed(sid)));
        assertThat(received(sid)).isEqualTo(1);
    }

    private void assertSpoolHealthDegradedWith(String detail, int count) {
        ops.get()
                .uri("/actuator/health/smsSpool")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DEGRADED")
                .jsonPath("$.details." + detail)
                .isEqualTo(count);
    }

    /** The names in the spool's directory matching {@code glob}, sorted; none when it does not exist. */
    private List<String> files(String glob) throws IOException {
        if (!Files.isDirectory(spool.directory())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(spool.directory(), glob)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        Collections.sort(names);
        return names;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private boolean routed(String sid) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM sms_inbox WHERE message_sid = ? AND routed_at IS NOT NULL", Integer.class, sid)
                .isEmpty();
    }

    /** Routed, or dropped for good. */
    private boolean settled(String sid) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM sms_inbox WHERE message_sid = ?"
                                + " AND (routed_at IS NOT NULL OR refused_at IS NOT NULL)",
                        Integer.class,
                        sid)
                .isEmpty();
    }

    /** The case the message was received on. */
    private String caseOf(String sid) {
        return jdbc.queryForObject(
                "SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%.SmsReceived'"
                        + " AND convert_from(payload, 'UTF8') LIKE ?",
                String.class, "%" + sid + "%");
    }

    private int received(String sid) {
        return received(jdbc, sid);
    }

    /** How many events record the message (on a case, or as unmatched). */
    static int received(JdbcTemplate jdbc, String sid) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE (payloadtype LIKE '%.SmsReceived'"
                        + " OR payloadtype LIKE '%.UnmatchedSmsReceived') AND convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%" + sid + "%");
    }

    private WebTestClient.ResponseSpec inbound(Map<String, String> form) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return twilio.post()
                .uri("/twilio/sms")
                .header("X-Twilio-Signature", TwilioSigner.sign(TWILIO_TOKEN, PUBLIC_BASE_URL + "/twilio/sms", form))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body))
                .exchange();
    }

    private String openCase(String phone) {
        return http.post()
                .uri("/api/commands/OpenCase")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CommandPayloads.openCase(CommandPayloads.PERSONAL_NUMBER, phone))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(com.fasterxml.jackson.databind.JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("caseId")
                .asText();
    }
}
