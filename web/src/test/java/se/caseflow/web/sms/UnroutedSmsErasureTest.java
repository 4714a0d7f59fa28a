package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static se.caseflow.web.sms.SmsEndToEndTest.await;
import static se.caseflow.web.sms.SmsEndToEndTest.randomSid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.api.RecordUnmatchedSms;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.ByteStoreScan;
import se.caseflow.testsupport.Needles;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;
import se.caseflow.web.ops.OpsClient;

/**
 * Inbound SMS from a person's number that wait, not yet routed, when the person is erased: one in the SMS inbox (as
 * the webhook leaves it while Redis or the routing is away), one in this node's spool on disk (as the webhook leaves
 * it while the database is away). The erasure reaches both in its own transaction: when its status says {@code DONE}
 * the inbox holds no token of either, the spool is empty, and the inbox's next round records nothing (no unmatched
 * message under a subject of its own, with a blind index of the number); a scan of every table and every Redis key
 * ({@link ByteStoreScan}) finds neither the number in any form, nor the texts, nor the number's blind index. The
 * inbox's rounds run only when this test calls them (the interval is an hour).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
class UnroutedSmsErasureTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("unrouted_sms_erasure");
    private static final RedisTestPrefix KEYS = RedisTestPrefix.create("unrouted-sms-erasure");

    private static final String PERSON = "19811218-9876";
    /** The number OpsClient gives the applicant. */
    private static final String PHONE = "+46701740605";

    private static final String IN_THE_INBOX = "Jag skickar kontoutdraget från Swedbank i kväll";
    private static final String IN_THE_SPOOL = "Min nya adress är Raderingsvägen 14 i Vaxholm";

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(KEYS::close);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, KEYS);
        // one round at start-up, then this test runs them
        registry.add("caseflow.twilio.inbox-retry-interval", () -> "PT1H");
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProjectionReader reader;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    SmsInbox inbox;

    @Autowired
    SmsSpool spool;

    @Autowired
    SmsSpoolDrainer drainer;

    @Autowired
    SmsInboxRouter router;

    @Test
    void anErasureTakesTheUnroutedMessagesFromThePersonsNumberAndNothingOfThemComesBack() throws Exception {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase(PERSON, "Erasmine");
        String index = vault.blindIndex(PersonalDataKind.PHONE_NUMBER, PHONE);
        await(() -> Optional.of(true)
                .filter(x -> reader.view("sms/phone/" + index, 0, 1).count() > 0));
        String waiting = randomSid();
        String spooled = randomSid();
        assertThat(inbox.store(waiting, PHONE, IN_THE_INBOX)).isTrue();
        assertThat(spool.put(spooled, PHONE, IN_THE_SPOOL)).isTrue();

        Needles person = new Needles()
                .swedishMobile("phone", PHONE)
                .text("SMS in the inbox", IN_THE_INBOX)
                .text("SMS in the spool", IN_THE_SPOOL)
                .bytes("blind index of the phone", HexFormat.of().parseHex(index));
        assertThat(scan(person))
                .as("before the erasure: the number's blind index (routing in Redis, the secrets store's phone rows)")
                .anySatisfy(hit -> assertThat(hit.location()).startsWith("public.secrets_phone_subject"))
                .anySatisfy(hit -> assertThat(hit.store()).isEqualTo("redis"));

        JsonNode erasure = client.post(
                "/api/ops/erasures", "{\"personalNumber\": \"" + PERSON + "\", \"reason\": \"GDPR-77\"}", 202);
        JsonNode done = OpsClient.await(
                "the erasure DONE",
                () -> Optional.of(client.get(
                                "/api/ops/erasures/" + erasure.get("id").asText()))
                        .filter(status -> status.get("status").asText().equals("DONE")));

        assertThat(done.get("erasedSmsInInbox").asInt()).isZero();
        assertThat(jdbc.queryForList(
                        "SELECT message_sid, message, last_error FROM sms_inbox WHERE message_sid IN (?, ?)",
                        waiting,
                        spooled))
                .as("when the erasure is DONE the inbox holds both messages' sids, no token, and why")
                .hasSize(2)
                .allSatisfy(row -> {
                    assertThat(row.get("message")).isNull();
                    assertThat(row.get("last_error")).isEqualTo(SmsInbox.ERASED);
                });
        assertThat(spool.spooled())
                .as("this node's spool was moved into the inbox before the shred")
                .isZero();

        // the inbox's next round (spool, then routing) finds nothing to record
        int caseEvents = eventsOf(caseId);
        drainer.drain();
        router.routeWaiting();
        for (String sid : List.of(waiting, spooled)) {
            assertThat(eventsOf(RecordUnmatchedSms.idFor(sid)))
                    .as("no unmatched record of %s", sid)
                    .isZero();
        }
        assertThat(eventsOf(caseId))
                .as("nothing new on the erased person's case")
                .isEqualTo(caseEvents);
        assertThat(scan(person))
                .as("after the erasure, in any table or Redis key")
                .isEmpty();
    }

    private int eventsOf(String aggregateId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class, aggregateId);
    }

    private List<ByteStoreScan.Hit> scan(Needles needles) {
        return new ByteStoreScan(needles)
                .postgres(dataSource)
                .redis(KEYS.uri(), KEYS.prefix())
                .hits();
    }
}
