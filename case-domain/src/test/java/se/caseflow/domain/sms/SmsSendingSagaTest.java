package se.caseflow.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.FixtureExecutionException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.gate.InternalGateForTests;

/**
 * The saga against stand-ins for the outside: Twilio (a gateway answering as told) and the case (the fixture's
 * command bus, answering as told) behind the real internal gate, its keys in memory. Errors go on as in the
 * application's {@code sms-sending} processor: the event is delivered again. The real gate, Twilio SDK and database
 * run in web's SmsEndToEndTest, SmsSendingFaultTest and SmsCrashTest.
 */
class SmsSendingSagaTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final String MESSAGE = "5b2e7c1a-0d3f-4e8a-9c6b-1f2a3b4c5d6e";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final ProtectedValue TO = new ProtectedValue("token:phone");
    private static final SmsGateway.OutgoingSms HAND_OVER =
            new SmsGateway.OutgoingSms(CASE_ID, MESSAGE, "token:phone", "token:text");

    /** Every command the case handled and every hand-over to Twilio, in the order they happened. */
    private final List<Object> steps = new CopyOnWriteArrayList<>();

    private SmsGateway.SendResult answer = new SmsGateway.SendResult.Sent(SID, "queued");
    /** What the case does with a command of this type instead of accepting it (null: accept). */
    private Class<?> failing;

    private RuntimeException failure;
    private SagaTestFixture<SmsSendingSaga> fixture;
    private InternalCommands commands;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SmsSendingSaga.class);
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.registerResource((SmsGateway) sms -> {
            steps.add(sms);
            return answer;
        });
        commands = InternalGateForTests.around(fixture.registerCommandGateway(CommandGateway.class));
        fixture.registerResource(commands);
        fixture.setCallbackBehavior((command, metaData) -> {
            steps.add(command);
            if (command.getClass().equals(failing)) {
                throw failure;
            }
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private void failing(Class<?> commandType, RuntimeException failure) {
        this.failing = commandType;
        this.failure = failure;
    }

    private static SmsRequested requested(String sendAt) {
        return new SmsRequested(
                CASE_ID, MESSAGE, null, new ProtectedValue("token:text"), SmsEncoding.GSM7, 3, 1, sendAt, TO);
    }

    private static RecordSmsOutcomeUnknown startedBefore() {
        return new RecordSmsOutcomeUnknown(
                CASE_ID, MESSAGE, "The send was started before and its outcome was never recorded");
    }

    @Test
    void startsTheSendBeforeHandingItOverAndRecordsTwiliosSid() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(null))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
        assertThat(steps)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE),
                        HAND_OVER,
                        new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));
    }

    @Test
    void aRefusalIsAFailureAndATimeoutIsUnknown() {
        answer = new SmsGateway.SendResult.Rejected("21211", "Invalid 'To' Phone Number");
        fixture.givenNoPriorActivity().whenPublishingA(requested(null)).expectActiveSagas(1);
        assertThat(steps)
                .last()
                .isEqualTo(new RecordSmsSendFailed(CASE_ID, MESSAGE, "21211", "Invalid 'To' Phone Number"));

        tearDown();
        steps.clear();
        setUp();
        answer = new SmsGateway.SendResult.Unknown("SocketTimeoutException");
        fixture.givenNoPriorActivity().whenPublishingA(requested(null));
        assertThat(steps).last().isEqualTo(new RecordSmsOutcomeUnknown(CASE_ID, MESSAGE, "SocketTimeoutException"));
    }

    @Test
    void aSendStartedBeforeIsNeverSentAgainButLeftToAPerson() {
        failing(StartSmsSend.class, new CaseRuleViolation(SmsSendingSaga.SEND_STARTED, "handed over before"));
        fixture.givenNoPriorActivity().whenPublishingA(requested(null));
        assertThat(steps).containsExactly(new StartSmsSend(CASE_ID, MESSAGE), startedBefore());
    }

    @Test
    void aRequestDeliveredAgainFindsItsStartByItsKeyAndIsNeverSentAgain() {
        fixture.givenAPublished(requested(null));
        steps.clear();

        fixture.whenPublishingA(requested(null)).expectDispatchedCommands(startedBefore());
        assertThat(steps).containsExactly(startedBefore());
    }

    @Test
    void aClosedCaseFailsTheMessageWithoutSending() {
        failing(StartSmsSend.class, new CaseRuleViolation("case-closed", "closed"));
        fixture.givenNoPriorActivity().whenPublishingA(requested(null));
        assertThat(steps)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE),
                        new RecordSmsSendFailed(CASE_ID, MESSAGE, "case-closed", "The case was closed before sending"));
    }

    /**
     * Other writers to the case winning every attempt of the start is no "started before": nothing was kept, so the
     * request is delivered again, and then sent once.
     */
    @Test
    void aCollisionWhileStartingIsDeliveredAgainAndThenSentOnce() {
        failing(StartSmsSend.class, new ConcurrencyException("another node appended to the case"));
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.whenPublishingA(requested(null)))
                .isInstanceOf(FixtureExecutionException.class)
                .hasRootCauseInstanceOf(ConcurrencyException.class);
        assertThat(steps).isNotEmpty().allMatch(new StartSmsSend(CASE_ID, MESSAGE)::equals);

        failing = null;
        steps.clear();
        given.whenPublishingA(requested(null));
        assertThat(steps)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE),
                        HAND_OVER,
                        new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));
    }

    @Test
    void aDatabaseFailureWhileStartingIsDeliveredAgainAndThenSentOnce() {
        failing(StartSmsSend.class, new TransientDataAccessResourceException("the database went away"));
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.whenPublishingA(requested(null)))
                .hasRootCauseInstanceOf(TransientDataAccessResourceException.class);
        assertThat(steps).containsExactly(new StartSmsSend(CASE_ID, MESSAGE));

        failing = null;
        steps.clear();
        given.whenPublishingA(requested(null));
        assertThat(steps)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE),
                        HAND_OVER,
                        new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));
    }

    /** The send went out and its outcome could not be recorded: delivered again, it is unknown, never sent twice. */
    @Test
    void aDatabaseFailureRecordingTheOutcomeIsDeliveredAgainAndEndsUnknown() {
        failing(RecordSmsSent.class, new TransientDataAccessResourceException("the database went away"));
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.whenPublishingA(requested(null)))
                .hasRootCauseInstanceOf(TransientDataAccessResourceException.class);
        assertThat(steps)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE),
                        HAND_OVER,
                        new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));

        failing = null;
        steps.clear();
        given.whenPublishingA(requested(null));
        assertThat(steps).containsExactly(startedBefore());
    }

    @Test
    void aLaterSendWaitsForItsDeadline() {
        Instant at = fixture.currentTime().plus(Duration.ofHours(2));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(at.toString()))
                .expectScheduledDeadlineWithName(at, SmsSendingSaga.DUE);
        assertThat(steps).isEmpty();

        fixture.whenTimeElapses(Duration.ofHours(2))
                .expectDeadlinesMetMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.anything())));
        assertThat(steps)
                .containsExactly(
                        new StartSmsSend(CASE_ID, MESSAGE),
                        HAND_OVER,
                        new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"));
    }

    @Test
    void theOutcomeEndsTheSaga() {
        fixture.givenAPublished(requested(null))
                .whenPublishingA(new SmsSent(CASE_ID, MESSAGE, SID, "queued"))
                .expectActiveSagas(0);
    }
}
