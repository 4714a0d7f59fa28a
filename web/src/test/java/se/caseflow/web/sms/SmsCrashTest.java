package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.FakeTwilio;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * Nodes killed for real (a child JVM destroyed forcibly) and replaced by new ones on the same database:
 * an SMS whose send was in flight is never sent again (its outcome becomes unknown for a person to
 * decide), and an SMS scheduled for later is sent once by the next node.
 */
class SmsCrashTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("smscrash");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("smscrash");
    static final String ACCOUNT = "AC" + "c0ffee00".repeat(4);
    static final String TOKEN = "crash-test-token";
    static final String PUBLIC_BASE_URL = "https://caseflow.example.se";
    private static final String USER = "crash-staff";
    private static final String PASSWORD = "crash-staff-password";
    private static final Duration START = Duration.ofSeconds(180);

    private final FakeTwilio twilio = FakeTwilio.start(ACCOUNT, TOKEN);
    private final JdbcTemplate jdbc = new JdbcTemplate(DATABASE.dataSource());

    @AfterAll
    static void cleanUp() {
        DATABASE.close();
        REDIS.close();
    }

    private Map<String, String> properties(Path keys) {
        return nodeProperties(DATABASE, REDIS, keys, twilio);
    }

    /**
     * The settings of this package's child-JVM nodes: {@code database}, {@code redis}, a generated key file at
     * {@code keys}, Twilio's API at {@code twilio} (account {@link #ACCOUNT}, token {@link #TOKEN}), no UC.
     */
    static Map<String, String> nodeProperties(
            PostgresTestDatabase database, RedisTestPrefix redis, Path keys, FakeTwilio twilio) {
        Map<String, String> properties = ChildNode.onPostgres(database, redis.uri(), redis.prefix(), keys);
        properties.put("caseflow.security.users[0].name", USER);
        properties.put("caseflow.security.users[0].password-hash", new BCryptPasswordEncoder(4).encode(PASSWORD));
        properties.put("caseflow.security.users[0].roles", "STAFF");
        properties.put("caseflow.twilio.account-sid", ACCOUNT);
        properties.put("caseflow.twilio.auth-token", TOKEN);
        properties.put("caseflow.twilio.from", "+46766860000");
        properties.put("caseflow.twilio.public-base-url", PUBLIC_BASE_URL);
        properties.put("caseflow.twilio.api-base-url", twilio.baseUrl());
        properties.put("caseflow.twilio.read-timeout", "PT5M");
        // the UC flow is not under test here (UcCrashTest kills a node during a UC call): onPostgres turns it off
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "PT3S");
        properties.put("db-scheduler.polling-interval", "PT1S");
        return properties;
    }

    @Test
    void aSendInFlightWhenTheNodeDiesIsNeverRepeatedAndAScheduledOneSurvivesTheRestart() throws Exception {
        Path keys = Files.createTempDirectory("caseflow-crash-keys").resolve("keys.json");
        keys.toFile().deleteOnExit();
        twilio.mode(FakeTwilio.Mode.HOLD);
        String caseId;
        String inFlight = UUID.randomUUID().toString();
        try (ChildNode first = ChildNode.start("first", properties(keys)).awaitUp(START)) {
            caseId = openCase(first);
            accepted(first.postCommand("SendSms", sendSms(caseId, inFlight, null), USER, PASSWORD));
            await(() -> Optional.of(twilio.received()).filter(r -> r.size() == 1), first);
            first.kill(); // while Twilio holds the request: the send's outcome is lost with the node
        }
        twilio.mode(FakeTwilio.Mode.ACCEPT);

        String later = UUID.randomUUID().toString();
        try (ChildNode second = ChildNode.start("second", properties(keys)).awaitUp(START)) {
            await(() -> Optional.of(types(caseId)).filter(t -> t.contains("SmsOutcomeUnknown")), second);
            assertThat(twilio.received())
                    .as("the in-flight SMS reached Twilio once")
                    .hasSize(1);
            assertThat(types(caseId))
                    .containsExactly("CaseOpened", "SmsRequested", "SmsSendStarted", "SmsOutcomeUnknown");

            // an hour ahead: far beyond any slowness of this machine, so the node surely dies before it is due
            String sendAt = Instant.now().plus(Duration.ofHours(1)).toString();
            accepted(second.postCommand("SendSms", sendSms(caseId, later, sendAt), USER, PASSWORD));
            await(() -> Optional.of(scheduledDeadlines()).filter(n -> n == 1), second);
            second.kill();
        }
        assertThat(twilio.received()).hasSize(1);
        assertThat(scheduledDeadlines()).as("the deadline outlived its node").isEqualTo(1);
        // the hour passes: the deadline is due when the next node starts
        assertThat(jdbc.update("UPDATE scheduled_tasks SET execution_time = now()"))
                .isEqualTo(1);

        try (ChildNode third = ChildNode.start("third", properties(keys)).awaitUp(START)) {
            await(() -> Optional.of(types(caseId)).filter(t -> t.contains("SmsSent")), third);
            List<FakeTwilio.Received> received = twilio.received();
            assertThat(received).hasSize(2);
            assertThat(received.get(1).form().get("StatusCallback")).endsWith("messageId=" + later);
            assertThat(types(caseId).stream().filter("SmsSendStarted"::equals)).hasSize(2);
            // db-scheduler deletes a one-time task once its handler has returned
            await(() -> Optional.of(scheduledDeadlines()).filter(n -> n == 0), third);
        }
    }

    private String openCase(ChildNode node) throws Exception {
        HttpResponse<String> response = node.postCommand("OpenCase", CommandPayloads.openCase(), USER, PASSWORD);
        accepted(response);
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .get("caseId")
                .asText();
    }

    private static String sendSms(String caseId, String messageId, String sendAt) {
        return "{\"caseId\":\"" + caseId + "\",\"messageId\":\"" + messageId + "\",\"text\":\"Hej från caseflow\""
                + (sendAt == null ? "" : ",\"sendAt\":\"" + sendAt + "\"") + "}";
    }

    private static void accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private List<String> types(String caseId) {
        return jdbc
                .queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                        String.class,
                        caseId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    private int scheduledDeadlines() {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class);
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> probe, ChildNode node)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not there within 120 s; the node's log ends:\n" + node.tail());
    }
}
