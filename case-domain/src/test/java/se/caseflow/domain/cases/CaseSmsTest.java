package se.caseflow.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.Address;
import se.caseflow.domain.api.ApplicantDetails;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.MarkSmsRead;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ReceiveSms;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.RecordSmsStatus;
import se.caseflow.domain.api.RecordUnmatchedSms;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsDeliveryStatus;
import se.caseflow.domain.api.SmsDeliveryStatusChanged;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendFailed;
import se.caseflow.domain.api.SmsSendStarted;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.personal.PersonalDataVault;

class CaseSmsTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final String MESSAGE = "5b2e7c1a-0d3f-4e8a-9c6b-1f2a3b4c5d6e";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private final RecordingVault vault = new RecordingVault();
    private FixtureConfiguration<Case> fixture;
    private CaseOpened opened;
    private ProtectedValue phone;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(new ApplicantProtector(vault, CLOCK));
        fixture.registerInjectableResource(vault);
        ProtectedApplicant applicant = new ApplicantProtector(vault, CLOCK)
                .protect(new ApplicantDetails(
                        "19121212-1212",
                        "Tolvan",
                        "Tolvansson",
                        "070-174 06 05",
                        "tolvan@example.se",
                        new Address("Storgatan 1", "111 22", "Stockholm", null)));
        opened = new CaseOpened(
                CASE_ID,
                applicant,
                null,
                new LoanRequest(150_000, 60, LoanPurpose.CONSOLIDATION),
                new Income(42_000, EmploymentType.PERMANENT));
        phone = applicant.mobilePhone();
    }

    private SmsRequested requested() {
        String text = SmsTemplate.OFFERS_READY.text();
        return new SmsRequested(
                CASE_ID,
                MESSAGE,
                SmsTemplate.OFFERS_READY,
                RecordingVault.text(opened.applicant().subject(), text),
                SmsEncoding.GSM7,
                text.length(),
                1,
                null,
                phone);
    }

    @Test
    void aTemplateBecomesItsSwedishTextWithLengthAndTheWrappedRecipient() {
        fixture.given(opened)
                .when(new SendSms(CASE_ID, MESSAGE, SmsTemplate.OFFERS_READY, null, null))
                .expectEvents(requested());
        assertThat(requested().to().token()).doesNotContain("+4670");
    }

    @Test
    void aLaterSendTimeIsKeptAsAUtcInstant() {
        fixture.given(opened)
                .when(new SendSms(CASE_ID, MESSAGE, null, "Ring oss 😀", "2026-11-26T09:00:00+01:00"))
                .expectEvents(new SmsRequested(
                        CASE_ID,
                        MESSAGE,
                        null,
                        RecordingVault.text(opened.applicant().subject(), "Ring oss 😀"),
                        SmsEncoding.UCS2,
                        11,
                        1,
                        "2026-11-26T08:00:00Z",
                        phone));
    }

    @Test
    void refusesBothOrNeitherTextAndTemplateAndTheSameIdTwice() {
        fixture.given(opened)
                .when(new SendSms(CASE_ID, MESSAGE, SmsTemplate.OFFERS_READY, "Hej", null))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
        fixture.given(opened)
                .when(new SendSms(CASE_ID, MESSAGE, null, null, null))
                .expectException(CaseRuleViolation.class);
        fixture.given(opened, requested())
                .when(new SendSms(CASE_ID, MESSAGE, null, "Hej", null))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aSendIsStartedOnlyOnce() {
        fixture.given(opened, requested())
                .when(new StartSmsSend(CASE_ID, MESSAGE))
                .expectEvents(new SmsSendStarted(CASE_ID, MESSAGE));
        fixture.given(opened, requested(), new SmsSendStarted(CASE_ID, MESSAGE))
                .when(new StartSmsSend(CASE_ID, MESSAGE))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aClosedCaseSendsNothing() {
        fixture.given(opened, requested(), new CaseClosed(CASE_ID, CloseReason.NO_OFFERS, null))
                .when(new StartSmsSend(CASE_ID, MESSAGE))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
        fixture.given(opened, requested(), new CaseClosed(CASE_ID, CloseReason.NO_OFFERS, null))
                .when(new RecordSmsSendFailed(CASE_ID, MESSAGE, "case-closed", "closed"))
                .expectEvents(new SmsSendFailed(CASE_ID, MESSAGE, "case-closed", "closed"));
    }

    @Test
    void anOutcomeIsRecordedOnceAndUnknownOnlyForAStartedSend() {
        fixture.given(opened, requested(), new SmsSendStarted(CASE_ID, MESSAGE))
                .when(new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"))
                .expectEvents(new SmsSent(CASE_ID, MESSAGE, SID, "queued"));
        fixture.given(
                        opened,
                        requested(),
                        new SmsSendStarted(CASE_ID, MESSAGE),
                        new SmsSent(CASE_ID, MESSAGE, SID, "queued"))
                .when(new RecordSmsSent(CASE_ID, MESSAGE, SID, "queued"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(
                        opened,
                        requested(),
                        new SmsSendStarted(CASE_ID, MESSAGE),
                        new SmsSent(CASE_ID, MESSAGE, SID, "queued"))
                .when(new RecordSmsOutcomeUnknown(CASE_ID, MESSAGE, "late"))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
        fixture.given(opened, requested(), new SmsSendStarted(CASE_ID, MESSAGE))
                .when(new RecordSmsOutcomeUnknown(CASE_ID, MESSAGE, "crash"))
                .expectEvents(new SmsOutcomeUnknown(CASE_ID, MESSAGE, "crash"));
        fixture.given(opened, requested())
                .when(new RecordSmsOutcomeUnknown(CASE_ID, MESSAGE, "never started"))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void deliveryReportsMoveOnlyForwardAndNeverOutOfAFinalState() {
        SmsSent sent = new SmsSent(CASE_ID, MESSAGE, SID, "queued");
        fixture.given(
                        opened,
                        requested(),
                        new SmsSendStarted(CASE_ID, MESSAGE),
                        sent,
                        status(SmsDeliveryStatus.DELIVERED, SmsDeliveryStatus.DELIVERED))
                .when(new RecordSmsStatus(CASE_ID, MESSAGE, SID, SmsDeliveryStatus.SENT, null))
                .expectEvents(status(SmsDeliveryStatus.SENT, SmsDeliveryStatus.DELIVERED));
        fixture.given(
                        opened,
                        requested(),
                        new SmsSendStarted(CASE_ID, MESSAGE),
                        sent,
                        status(SmsDeliveryStatus.UNDELIVERED, SmsDeliveryStatus.UNDELIVERED))
                .when(new RecordSmsStatus(CASE_ID, MESSAGE, SID, SmsDeliveryStatus.READ, null))
                .expectEvents(status(SmsDeliveryStatus.READ, SmsDeliveryStatus.UNDELIVERED));
        fixture.given(
                        opened,
                        requested(),
                        new SmsSendStarted(CASE_ID, MESSAGE),
                        sent,
                        status(SmsDeliveryStatus.DELIVERED, SmsDeliveryStatus.DELIVERED))
                .when(new RecordSmsStatus(CASE_ID, MESSAGE, SID, SmsDeliveryStatus.READ, null))
                .expectEvents(status(SmsDeliveryStatus.READ, SmsDeliveryStatus.READ));
        fixture.given(opened, requested(), new SmsSendStarted(CASE_ID, MESSAGE), sent)
                .when(new RecordSmsStatus(CASE_ID, MESSAGE, "SM" + "f".repeat(32), SmsDeliveryStatus.SENT, null))
                .expectException(CaseRuleViolation.class);
        fixture.given(opened)
                .when(new RecordSmsStatus(CASE_ID, MESSAGE, SID, SmsDeliveryStatus.SENT, null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Case " + CASE_ID + " has no SMS with id " + MESSAGE);
    }

    private static SmsDeliveryStatusChanged status(SmsDeliveryStatus reported, SmsDeliveryStatus state) {
        return new SmsDeliveryStatusChanged(CASE_ID, MESSAGE, SID, reported, null, state);
    }

    @Test
    void aReplyIsWrappedUnderTheApplicantAndRecordedOncePerMessageSid() {
        SmsReceived received = new SmsReceived(
                CASE_ID,
                SID,
                new ProtectedValue(vault.wrap(
                        opened.applicant().subject(),
                        se.caseflow.domain.personal.PersonalDataKind.PHONE_NUMBER,
                        "+46701740605")),
                RecordingVault.text(opened.applicant().subject(), "Tack!"),
                2);
        fixture.given(opened)
                .when(new ReceiveSms(CASE_ID, SID, "+46701740605", "Tack!", 2))
                .expectEvents(received);
        fixture.given(opened, received)
                .when(new ReceiveSms(CASE_ID, SID, "+46701740605", "Tack!", 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(opened, received).when(new MarkSmsRead(CASE_ID)).expectEvents(new SmsRepliesRead(CASE_ID, 1));
        fixture.given(opened, received, new SmsRepliesRead(CASE_ID, 1))
                .when(new MarkSmsRead(CASE_ID))
                .expectNoEvents();
    }

    @Test
    void aCaseWhoseApplicantWasErasedTakesNoReplyAndWrapsNothing() {
        vault.erase(opened.applicant().subject());
        int wrappedBefore = vault.wrapped().size();
        fixture.given(opened)
                .when(new ReceiveSms(CASE_ID, SID, "+46701740605", "Tack!", 1))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Case " + CASE_ID + " takes no SMS: its applicant was erased")
                .expectNoEvents();
        assertThat(vault.wrapped()).hasSize(wrappedBefore);
    }

    @Test
    void anUnmatchedMessageIsWrappedUnderASubjectOfItsOwnUnderAnIdFromItsSid() {
        RecordingVault messageVault = new RecordingVault();
        AggregateTestFixture<UnmatchedSms> unmatched = new AggregateTestFixture<>(UnmatchedSms.class);
        unmatched.registerInjectableResource((PersonalDataVault) messageVault);
        String id = RecordUnmatchedSms.idFor(SID);
        unmatched
                .givenNoPriorActivity()
                .when(new RecordUnmatchedSms(id, SID, "+46701740605", "Hej"))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(matches(payload -> {
                            UnmatchedSmsReceived event = (UnmatchedSmsReceived) payload;
                            String subject = event.from().token().split(":")[1];
                            return event.caseId().equals(id)
                                    && event.messageSid().equals(SID)
                                    && subject.matches("s_[0-9a-f]{32}")
                                    && event.from()
                                            .token()
                                            .equals(RecordingVault.token(
                                                    subject,
                                                    se.caseflow.domain.personal.PersonalDataKind.PHONE_NUMBER,
                                                    "+46701740605"))
                                    && event.body().equals(RecordingVault.text(subject, "Hej"));
                        })),
                        andNoMore()));
        assertThat(messageVault.wrapped()).containsExactly("+46701740605", "Hej");
        assertThat(messageVault.subjects()).as("no person's subject").isEmpty();
        unmatched
                .givenNoPriorActivity()
                .when(new RecordUnmatchedSms(CASE_ID, SID, "+46701740605", "Hej"))
                .expectException(CaseRuleViolation.class);
    }

    @Test
    void anUnmatchedMessageStaysUnderTheSubjectItWaitedUnderInTheInbox() {
        RecordingVault messageVault = new RecordingVault();
        AggregateTestFixture<UnmatchedSms> unmatched = new AggregateTestFixture<>(UnmatchedSms.class);
        unmatched.registerInjectableResource((PersonalDataVault) messageVault);
        String id = RecordUnmatchedSms.idFor(SID);
        String inboxSubject = "s_" + "4".repeat(32);
        unmatched
                .givenNoPriorActivity()
                .when(new RecordUnmatchedSms(id, SID, "+46701740605", "Hej", inboxSubject))
                .expectEvents(new UnmatchedSmsReceived(
                        id,
                        SID,
                        new se.caseflow.domain.api.ProtectedValue(RecordingVault.token(
                                inboxSubject,
                                se.caseflow.domain.personal.PersonalDataKind.PHONE_NUMBER,
                                "+46701740605")),
                        RecordingVault.text(inboxSubject, "Hej")));
    }
}
