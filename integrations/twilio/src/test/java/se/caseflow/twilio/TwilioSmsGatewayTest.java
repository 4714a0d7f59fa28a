package se.caseflow.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.sms.SmsGateway;
import se.caseflow.domain.sms.SmsGateway.OutgoingSms;
import se.caseflow.domain.sms.SmsGateway.SendResult;
import se.caseflow.testsupport.FakeTwilio;

/** The real Twilio SDK against a local server speaking Twilio's REST API; asserts what reached it. */
class TwilioSmsGatewayTest {

    static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    static final String TOKEN = "test-auth-token";
    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final String MESSAGE = "5b2e7c1a-0d3f-4e8a-9c6b-1f2a3b4c5d6e";

    private final FakeTwilio twilio = FakeTwilio.start(ACCOUNT, TOKEN);
    private final List<String> unwrapped = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    /** Stand-in for the secrets store (tested in integrations/secrets, used for real in web's SMS tests). */
    private final PersonalDataUnwrapper unwrapper = (token, caller, purpose) -> {
        unwrapped.add(caller + " " + purpose);
        assertThat(caller).isEqualTo(TrustedCaller.SMS_SENDER);
        if (token.equals("erased-token")) {
            return new Unwrapped.Erased("subject");
        }
        return new Unwrapped.Revealed(token.startsWith("text:") ? token.substring(5) : "+46701740605");
    };

    @AfterEach
    void stop() {
        twilio.close();
    }

    private SmsGateway gateway(String apiBase) {
        return gateway(apiBase, null, Duration.ofSeconds(5));
    }

    private SmsGateway gateway(String apiBase, String messagingServiceSid, Duration readTimeout) {
        TwilioProperties properties = new TwilioProperties(
                ACCOUNT,
                TOKEN,
                "+46766860000",
                messagingServiceSid,
                URI.create("https://caseflow.example.se/"),
                URI.create(apiBase),
                Duration.ofSeconds(2),
                readTimeout);
        return new TwilioConfiguration().smsGateway(properties, unwrapper, null, meters);
    }

    private static OutgoingSms sms(String token) {
        return new OutgoingSms(CASE_ID, MESSAGE, token, "text:Hej Åsa! Nu har du fått erbjudanden.");
    }

    @Test
    void sendsExactlyOneFormEncodedPostWithBasicAuthAndAStatusCallback() {
        SendResult result = gateway(twilio.baseUrl()).send(sms("phone-token"));

        assertThat(result).isEqualTo(new SendResult.Sent(FakeTwilio.sid(1), "queued"));
        assertThat(twilio.received()).hasSize(1);
        FakeTwilio.Received request = twilio.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
        assertThat(request.authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "To",
                        "+46701740605",
                        "From",
                        "+46766860000",
                        "Body",
                        "Hej Åsa! Nu har du fått erbjudanden.",
                        "StatusCallback",
                        "https://caseflow.example.se/twilio/sms/status?caseId=" + CASE_ID + "&messageId=" + MESSAGE));
        assertThat(unwrapped).containsExactly("SMS_SENDER send SMS " + MESSAGE, "SMS_SENDER send SMS " + MESSAGE);
        assertThat(meters.timer("caseflow.twilio.sends", "outcome", "sent").count())
                .isEqualTo(1);
    }

    @Test
    void aRefusalIsAFailureWithItsCodeAndAFixedTextNotTwiliosWhichQuotesTheNumber() {
        twilio.mode(FakeTwilio.Mode.REFUSE_INVALID_NUMBER);

        SendResult result = gateway(twilio.baseUrl()).send(sms("phone-token"));

        assertThat(result)
                .isEqualTo(new SendResult.Rejected("21211", "The recipient's number is not a valid phone number"));
        assertThat(result.toString()).doesNotContain("+46701740605", "701740605");
    }

    @Test
    void aServerErrorIsUnknownAndIsNotRetriedBySdk() {
        twilio.mode(FakeTwilio.Mode.SERVER_ERROR);

        SendResult result = gateway(twilio.baseUrl()).send(sms("phone-token"));

        assertThat(result).isInstanceOf(SendResult.Unknown.class);
        assertThat(twilio.received()).hasSize(1);
    }

    @Test
    void aMessagingServiceSendsFromTheServiceWithoutAFromNumber() {
        String service = "MG" + "0123456789abcdef".repeat(2);

        SendResult result =
                gateway(twilio.baseUrl(), service, Duration.ofSeconds(5)).send(sms("phone-token"));

        assertThat(result).isEqualTo(new SendResult.Sent(FakeTwilio.sid(1), "queued"));
        assertThat(twilio.received())
                .singleElement()
                .satisfies(request -> assertThat(request.form())
                        .containsEntry("MessagingServiceSid", service)
                        .containsEntry("To", "+46701740605")
                        .doesNotContainKey("From"));
    }

    @Test
    void aRefusedConnectionIsUnknownWithAFixedText() {
        String base = twilio.baseUrl();
        twilio.close();

        assertThat(gateway(base).send(sms("phone-token"))).isEqualTo(new SendResult.Unknown("No connection to Twilio"));
    }

    /** Jackson's message quotes the unreadable answer, here the number: the outcome keeps a fixed text only. */
    @Test
    void anUnreadableAnswerQuotingTheNumberIsUnknownWithAFixedTextWithoutIt() {
        twilio.mode(FakeTwilio.Mode.ECHO_UNREADABLE);

        SendResult result = gateway(twilio.baseUrl()).send(sms("phone-token"));

        assertThat(result).isEqualTo(new SendResult.Unknown("Twilio's answer was not readable"));
        assertThat(result.toString()).doesNotContain("701740605");
    }

    /** The request reaches a server that never answers: after the read timeout the outcome is unknown. */
    @Test
    void noAnswerWithinTheReadTimeoutIsUnknown() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            SmsGateway gateway = gateway(silent.baseUrl(), null, Duration.ofMillis(1500));
            long started = System.nanoTime();

            SendResult result =
                    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> gateway.send(sms("phone-token")));

            assertThat(result).isEqualTo(new SendResult.Unknown("No answer from Twilio within the timeout"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(silent.requestLine()).startsWith("POST /2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
        }
    }

    @Test
    void anErasedRecipientIsNeverSent() {
        SendResult result = gateway(twilio.baseUrl()).send(sms("erased-token"));

        assertThat(result).isInstanceOf(SendResult.Rejected.class);
        assertThat(((SendResult.Rejected) result).errorCode()).isEqualTo("erased");
        assertThat(twilio.received()).isEmpty();
    }
}
