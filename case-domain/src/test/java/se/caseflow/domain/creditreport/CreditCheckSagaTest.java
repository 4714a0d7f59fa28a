package se.caseflow.domain.creditreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.MarkCreditCheckUnknown;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordCreditCheckFailure;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.SkipCreditCheck;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.gate.InternalGateForTests;

class CreditCheckSagaTest {

    private static final String CASE_ID = "0d7c1b8e-1111-4a55-9a43-3f1c1d2a9e03";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final ProtectedValue PNR = new ProtectedValue("token:pnr");
    private static final CreditReport REPORT =
            new CreditReport(new BigDecimal("12.5"), 150_000L, 420_000L, 1, 4_500, 3);

    private final SagaTestFixture<CreditCheckSaga> fixture = new SagaTestFixture<>(CreditCheckSaga.class);
    private final AtomicInteger ucCalls = new AtomicInteger();
    private CreditReportOutcome answer = new CreditReportOutcome.Received(REPORT);
    private InternalCommands commands;

    @BeforeEach
    void setUp() {
        fixture.givenCurrentTime(NOW);
        commands = InternalGateForTests.around(fixture.registerCommandGateway(CommandGateway.class));
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private void withClockAt(Instant now) {
        CreditReportPort port = personalNumber -> {
            assertThat(personalNumber).isEqualTo(PNR);
            ucCalls.incrementAndGet();
            return answer;
        };
        fixture.registerResource(
                new CreditCheckProcedure(port, commands, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(10)));
    }

    private static IdentityVerified verified() {
        return new IdentityVerified(CASE_ID, Party.APPLICANT, PNR);
    }

    @Test
    void reservesThenCallsUcOnceThenRecordsTheReport() {
        withClockAt(NOW.plusSeconds(1));
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(
                        new ReserveCreditCheck(CASE_ID, Party.APPLICANT),
                        new RecordCreditReport(CASE_ID, Party.APPLICANT, REPORT))
                .expectActiveSagas(0);
        assertThat(ucCalls).hasValue(1);
    }

    @Test
    void recordsAFailureAndAnUnknownOutcome() {
        withClockAt(NOW);
        answer = new CreditReportOutcome.Failed("UC refused: error 4711");
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(
                        new ReserveCreditCheck(CASE_ID, Party.APPLICANT),
                        new RecordCreditCheckFailure(CASE_ID, Party.APPLICANT, "UC refused: error 4711"));
        answer = new CreditReportOutcome.Unknown("no answer within PT30S");
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(
                        new ReserveCreditCheck(CASE_ID, Party.APPLICANT),
                        new MarkCreditCheckUnknown(CASE_ID, Party.APPLICANT, "no answer within PT30S"));
        assertThat(ucCalls).hasValue(2);
    }

    @Test
    void aRefusedReservationNeverCallsUcAndMarksTheOutcomeUnknown() {
        withClockAt(NOW);
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveCreditCheck) {
                throw new CaseRuleViolation("credit-check-already-reserved", "already reserved");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(
                        new ReserveCreditCheck(CASE_ID, Party.APPLICANT),
                        new MarkCreditCheckUnknown(
                                CASE_ID,
                                Party.APPLICANT,
                                "an earlier attempt reserved the check and its outcome was not recorded"))
                .expectActiveSagas(0);
        assertThat(ucCalls).hasValue(0);
    }

    @Test
    void aReservationThatFailsOtherwiseNeverCallsUc() {
        withClockAt(NOW);
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveCreditCheck) {
                throw new IllegalStateException("another node appended to the case at the same moment");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(
                        new ReserveCreditCheck(CASE_ID, Party.APPLICANT),
                        new MarkCreditCheckUnknown(
                                CASE_ID,
                                Party.APPLICANT,
                                "the reservation's outcome was unclear: IllegalStateException"));
        assertThat(ucCalls).hasValue(0);
    }

    /** A crash after the reservation committed: the trigger comes again and its key answers "reserved before". */
    @Test
    void aTriggerDeliveredAgainFindsItsOwnReservationAndNeverCallsUcAgain() {
        withClockAt(NOW);
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof RecordCreditReport) {
                throw new IllegalStateException("the node died before the answer was recorded");
            }
            return null;
        });
        EventMessage<IdentityVerified> trigger = new GenericEventMessage<>(verified());
        fixture.givenNoPriorActivity().whenPublishingA(trigger);
        assertThat(ucCalls).hasValue(1);

        fixture.setCallbackBehavior((command, metaData) -> null);
        fixture.whenPublishingA(trigger)
                .expectDispatchedCommands(new MarkCreditCheckUnknown(
                        CASE_ID,
                        Party.APPLICANT,
                        "an earlier attempt reserved the check and its outcome was not recorded"));
        assertThat(ucCalls).hasValue(1);
    }

    @Test
    void othersWinningEveryAttemptToReserveNeverCallsUc() {
        withClockAt(NOW);
        List<Object> sent = new CopyOnWriteArrayList<>();
        fixture.setCallbackBehavior((command, metaData) -> {
            sent.add(command);
            if (command instanceof ReserveCreditCheck) {
                throw new ConcurrencyException("another node appended to the case at the same moment");
            }
            return null;
        });
        fixture.givenNoPriorActivity().whenPublishingA(verified());
        assertThat(sent).filteredOn(ReserveCreditCheck.class::isInstance).hasSizeGreaterThan(1);
        assertThat(sent)
                .last()
                .isEqualTo(new MarkCreditCheckUnknown(
                        CASE_ID, Party.APPLICANT, "the reservation's outcome was unclear: ConcurrencyException"));
        assertThat(ucCalls).hasValue(0);
    }

    @Test
    void aStaleTriggerIsSkippedWithoutReservingOrCallingUc() {
        withClockAt(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1));
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(new SkipCreditCheck(
                        CASE_ID,
                        Party.APPLICANT,
                        CreditCheckSkipReason.STALE_TRIGGER,
                        "trigger of 2026-11-25T10:00:00Z was PT10M1S old when seen; limit PT10M"));
        assertThat(ucCalls).hasValue(0);
    }

    @Test
    void anEventExactlyAtTheLimitIsStillHandled() {
        withClockAt(NOW.plus(Duration.ofMinutes(10)));
        fixture.givenNoPriorActivity()
                .whenPublishingA(verified())
                .expectDispatchedCommands(
                        new ReserveCreditCheck(CASE_ID, Party.APPLICANT),
                        new RecordCreditReport(CASE_ID, Party.APPLICANT, REPORT));
    }
}
