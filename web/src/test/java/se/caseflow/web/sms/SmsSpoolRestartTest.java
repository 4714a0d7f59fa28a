package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static se.caseflow.web.sms.SmsEndToEndTest.e164;
import static se.caseflow.web.sms.SmsEndToEndTest.randomMobile;
import static se.caseflow.web.sms.SmsEndToEndTest.randomSid;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.FakeTwilio;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * A node killed for real (a child JVM destroyed forcibly) while an inbound SMS waits in its spool because its
 * database refuses every connection: the next node on the same disk moves it into the inbox when it starts, and the
 * message is recorded once.
 */
class SmsSpoolRestartTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("smsspool");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("smsspool");
    private static final Duration START = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final FakeTwilio twilio = FakeTwilio.start(SmsCrashTest.ACCOUNT, SmsCrashTest.TOKEN);
    private final JdbcTemplate jdbc = new JdbcTemplate(DATABASE.dataSource());

    @AfterAll
    static void cleanUp() {
        DATABASE.close();
        REDIS.close();
    }

    @Test
    void aMessageSpooledByANodeThatWasKilledReachesTheInboxOnceWhenTheNextNodeStarts() throws Exception {
        Path directory = Files.createTempDirectory("caseflow-spool-restart");
        Path spool = directory.resolve("sms-spool");
        String sid = randomSid();
        Map<String, String> form = Map.of("MessageSid", sid, "From", e164(randomMobile()), "Body", "Kom hem nu");

        try (ChildNode first =
                ChildNode.start("spooling", properties(directory, spool)).awaitUp(START)) {
            DATABASE.refuseConnections();
            try {
                assertThat(inbound(first, form).statusCode()).isEqualTo(200);
                first.kill();
            } finally {
                DATABASE.acceptConnections();
            }
        }
        assertThat(spool.resolve(sid + ".sms"))
                .as("the message outlived its node on disk")
                .exists();
        assertThat(received(sid)).isZero();

        try (ChildNode second =
                ChildNode.start("draining", properties(directory, spool)).awaitUp(START)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (received(sid) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(received(sid))
                    .as("recorded once; the node's log ends:\n%s", second.tail())
                    .isEqualTo(1);
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                        .as("the file and the spool's key are gone")
                        .containsExactly("spool.lock");
            }
        }
    }

    private Map<String, String> properties(Path directory, Path spool) {
        Map<String, String> properties =
                SmsCrashTest.nodeProperties(DATABASE, REDIS, directory.resolve("keys.json"), twilio);
        properties.put("caseflow.twilio.inbound-spool-dir", spool.toString());
        properties.put("caseflow.twilio.inbox-retry-interval", "PT1S");
        return properties;
    }

    private static HttpResponse<String> inbound(ChildNode node, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(node.base() + "/twilio/sms"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                TwilioWebhookController.SIGNATURE_HEADER,
                                TwilioSigner.sign(
                                        SmsCrashTest.TOKEN, SmsCrashTest.PUBLIC_BASE_URL + "/twilio/sms", form))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int received(String sid) {
        return SmsInboxTest.received(jdbc, sid);
    }
}
