package se.caseflow.domain.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.gate.InternalGateForTests;

class BiddingSagaTest {

    private static final String CASE_ID = "0d7c1b8e-3333-4a55-9a43-3f1c1d2a9e05";
    private static final CreditReport GOOD = new CreditReport(new BigDecimal("2.4"), 150_000L, 312_000L, 0, 0, 1);
    private static final RankedOffer OFFER = new RankedOffer(
            1,
            "nordbank",
            new BidTerms(150_000, new BigDecimal("5.95"), new BigDecimal("6.23"), 60, 289_700, "2026-12-31"));

    private final SagaTestFixture<BiddingSaga> fixture = new SagaTestFixture<>(BiddingSaga.class);
    /** What the case answers: a refusal code per command type, or null to accept. */
    private String refusal;

    private String smsRefusal;

    private InternalCommands commands;

    @BeforeEach
    void setUp() {
        commands = InternalGateForTests.around(fixture.registerCommandGateway(CommandGateway.class));
        fixture.registerResource(commands);
        fixture.setCallbackBehavior((command, metaData) -> {
            String code = command instanceof SendSms ? smsRefusal : refusal;
            if (code != null) {
                throw new CaseRuleViolation(code, "refused: " + code);
            }
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private static CreditReportReceived report(Party party) {
        return new CreditReportReceived(CASE_ID, party, GOOD);
    }

    private static String uuid3(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void aCreditReportOpensBidding() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(report(Party.APPLICANT))
                .expectDispatchedCommands(new OpenBidding(CASE_ID))
                .expectActiveSagas(1);
    }

    @Test
    void whileAReportIsMissingTheNextReportTriesAgain() {
        refusal = "credit-report-missing";
        fixture.givenNoPriorActivity()
                .whenPublishingA(report(Party.APPLICANT))
                .expectDispatchedCommands(new OpenBidding(CASE_ID))
                .expectActiveSagas(1);
        refusal = null;
        fixture.givenAPublished(report(Party.APPLICANT))
                .whenPublishingA(report(Party.CO_APPLICANT))
                .expectDispatchedCommands(new OpenBidding(CASE_ID))
                .expectActiveSagas(1);
    }

    @Test
    void aCaseWhoseCreditIsNotGoodEndsTheSaga() {
        refusal = "credit-not-good";
        fixture.givenNoPriorActivity()
                .whenPublishingA(report(Party.APPLICANT))
                .expectDispatchedCommands(new OpenBidding(CASE_ID))
                .expectActiveSagas(0);
    }

    @Test
    void offersReadyIsSentOnceWithAnIdDerivedFromTheCase() {
        SendSms offersReady =
                new SendSms(CASE_ID, uuid3(CASE_ID + "offers-ready"), SmsTemplate.OFFERS_READY, null, null);
        fixture.givenAPublished(report(Party.APPLICANT))
                .whenPublishingA(new BiddingClosed(CASE_ID, List.of(OFFER)))
                .expectDispatchedCommands(offersReady);
        assertThat(BiddingSaga.messageId(CASE_ID, "offers-ready")).isEqualTo(offersReady.messageId());
    }

    @Test
    void aRedeliveredClosingAsksForTheSameMessageAndTheRefusalIsFine() {
        SendSms offersReady =
                new SendSms(CASE_ID, uuid3(CASE_ID + "offers-ready"), SmsTemplate.OFFERS_READY, null, null);
        smsRefusal = "sms-exists";
        fixture.givenAPublished(report(Party.APPLICANT))
                .andThenAPublished(new BiddingClosed(CASE_ID, List.of(OFFER)))
                .whenPublishingA(new BiddingClosed(CASE_ID, List.of(OFFER)))
                .expectDispatchedCommands(offersReady)
                .expectActiveSagas(1)
                .expectSuccessfulHandlerExecution();
    }

    /** The same event, not just the same step: its key gives the first answer back and nothing is asked again. */
    @Test
    void aClosingDeliveredAgainGetsItsFirstAnswerBack() {
        EventMessage<BiddingClosed> closed = new GenericEventMessage<>(new BiddingClosed(CASE_ID, List.of(OFFER)));
        fixture.givenAPublished(report(Party.APPLICANT))
                .andThenAPublished(closed)
                .whenPublishingA(closed)
                .expectNoDispatchedCommands()
                .expectSuccessfulHandlerExecution();
    }

    /** Other writers winning every attempt is no refusal: the saga does not end, and the event is delivered again. */
    @Test
    void aCollisionNeitherEndsTheSagaNorIsTakenForAnAnswer() {
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new ConcurrencyException("another node appended to the case");
        });
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.whenPublishingA(report(Party.APPLICANT)))
                .hasRootCauseInstanceOf(ConcurrencyException.class);

        fixture.setCallbackBehavior((command, metaData) -> null);
        given.whenPublishingA(report(Party.APPLICANT))
                .expectDispatchedCommands(new OpenBidding(CASE_ID))
                .expectActiveSagas(1);
    }

    @Test
    void noOffersNoSms() {
        fixture.givenAPublished(report(Party.APPLICANT))
                .whenPublishingA(new BiddingClosed(CASE_ID, List.of()))
                .expectNoDispatchedCommands();
    }

    @Test
    void theDebtLetterAndEachReminderAreToldBySms() {
        fixture.givenAPublished(report(Party.APPLICANT))
                .whenPublishingA(new DebtLetterSent(CASE_ID, "nordbank", "2026-12-06T10:00:00Z"))
                .expectDispatchedCommands(new SendSms(
                        CASE_ID, uuid3(CASE_ID + "debt-letter-sent"), SmsTemplate.DEBT_LETTER_SENT, null, null));
        fixture.givenAPublished(report(Party.APPLICANT))
                .whenPublishingA(new DebtLetterReminderDue(CASE_ID, 2, "2026-12-16T10:00:00Z"))
                .expectDispatchedCommands(new SendSms(
                        CASE_ID, uuid3(CASE_ID + "debt-letter-reminder-2"), null, BiddingSaga.REMINDER_TEXT, null));
    }

    @Test
    void endsWhenTheCaseCloses() {
        fixture.givenAPublished(report(Party.APPLICANT))
                .whenPublishingA(new CaseClosed(CASE_ID, CloseReason.PAID_OUT, null))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }
}
