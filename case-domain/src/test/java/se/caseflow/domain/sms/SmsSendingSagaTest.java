package se.caseflow.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.StartSmsSend;

/**
 * The saga against stand-ins for the outside: Twilio (a gateway answering as told) and the command side
 * (a recorder that refuses what the case would refuse). The real gate, Twilio SDK and database run in
 * web's SmsEndToEndTest and SmsCrashTest.
 */
class SmsSendingSagaTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final String MESSAGE = "5b2e7c1a-0d3f-4e8a-9c6b-1f2a3b4c5d6e";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final ProtectedValue TO = new ProtectedValue("token:phone", "+4670*****05");

    private final List<Object> submitted = new ArrayList<>();
    private final List<SmsGateway.OutgoingSms> handedOver = new ArrayList<>();
    private SmsGateway.SendResult answer = new SmsGateway.SendResult.Sent(SID, "queued");
    private String refuseStartWith;
    private SagaTestFixture<SmsSendingSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SmsSendingSaga.class);
        fixture.registerResource((SmsGateway) sms -> {
            handedOver.add(sms);
            return answer;
        });
        fixture.registerResource((CommittedCommands) command -> {
            if (command instanceof StartSmsSend && refuseStartWith != null) {
                throw new CaseRuleViolation(refuseStartWith, "refused");
            }
            submitted.add(command);
        });
    }

    private static SmsRequested requested(String sendAt) {
        return new SmsRequested(CASE_ID, MESSAGE, null, "Hej", SmsEncoding.GSM7, 3, 1, sendAt, TO);
    }

    @Test
    void startsTheSendBeforeHandingItOverAndRecordsTwiliosSid() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(null))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
        assertThat(submitted)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE), new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));
        assertThat(handedOver)
                .containsExactly(new SmsGateway.OutgoingSms(CASE_ID, MESSAGE, "token:phone", "+4670*****05", "Hej"));
    }

    @Test
    void aRefusalIsAFailureAndATimeoutIsUnknown() {
        answer = new SmsGateway.SendResult.Rejected("21211", "Invalid 'To' Phone Number");
        fixture.givenNoPriorActivity().whenPublishingA(requested(null)).expectActiveSagas(1);
        assertThat(submitted)
                .last()
                .isEqualTo(new RecordSmsSendFailed(CASE_ID, MESSAGE, "21211", "Invalid 'To' Phone Number"));

        submitted.clear();
        setUp();
        answer = new SmsGateway.SendResult.Unknown("SocketTimeoutException");
        fixture.givenNoPriorActivity().whenPublishingA(requested(null));
        assertThat(submitted).last().isEqualTo(new RecordSmsOutcomeUnknown(CASE_ID, MESSAGE, "SocketTimeoutException"));
    }

    @Test
    void aSendStartedBeforeIsNeverSentAgainButLeftToAPerson() {
        refuseStartWith = "sms-send-started";
        fixture.givenNoPriorActivity().whenPublishingA(requested(null));
        assertThat(handedOver).isEmpty();
        assertThat(submitted)
                .containsExactly(new RecordSmsOutcomeUnknown(
                        CASE_ID, MESSAGE, "The send was started before and its outcome was never recorded"));
    }

    @Test
    void aClosedCaseFailsTheMessageWithoutSending() {
        refuseStartWith = "case-closed";
        fixture.givenNoPriorActivity().whenPublishingA(requested(null));
        assertThat(handedOver).isEmpty();
        assertThat(submitted)
                .containsExactly(
                        new RecordSmsSendFailed(CASE_ID, MESSAGE, "case-closed", "The case was closed before sending"));
    }

    @Test
    void aLaterSendWaitsForItsDeadline() {
        Instant at = fixture.currentTime().plus(Duration.ofHours(2));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(at.toString()))
                .expectScheduledDeadlineWithName(at, SmsSendingSaga.DUE);
        assertThat(handedOver).isEmpty();

        fixture.whenTimeElapses(Duration.ofHours(2))
                .expectDeadlinesMetMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.anything())));
        assertThat(handedOver).hasSize(1);
        assertThat(submitted).last().isEqualTo(new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));
    }

    @Test
    void theOutcomeEndsTheSaga() {
        fixture.givenAPublished(requested(null))
                .whenPublishingA(new SmsSent(CASE_ID, MESSAGE, SID, "queued"))
                .expectActiveSagas(0);
    }
}
