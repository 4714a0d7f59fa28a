package se.caseflow.domain.cases;

import static se.caseflow.domain.cases.CaseFixtures.refused;

import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.MarkCreditCheckUnknown;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordCreditCheckFailure;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.RejectIdentity;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.SkipCreditCheck;

/** The reservation rules: one UC credit report per case and party, whatever path a second request takes. */
class CreditCheckRulesTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e02";
    private static final ProtectedValue PNR = CaseFixtures.PNR;
    private static final CreditReport REPORT = new CreditReport(new BigDecimal("12.5"), 150_000L, 420_000L, 0, 0, 2);

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
    }

    private static CaseOpened opened(boolean withCoApplicant) {
        return CaseFixtures.opened(CASE_ID, withCoApplicant);
    }

    private static IdentityVerified verified() {
        return new IdentityVerified(CASE_ID, Party.APPLICANT, PNR);
    }

    private static CreditCheckReserved reserved() {
        return new CreditCheckReserved(CASE_ID, Party.APPLICANT);
    }

    @Test
    void recordsAVerifiedIdentityOnce() {
        fixture.given(opened(false))
                .when(new ConfirmIdentity(CASE_ID, Party.APPLICANT, PNR))
                .expectEvents(verified());
        refused(
                fixture.given(opened(false), verified()).when(new ConfirmIdentity(CASE_ID, Party.APPLICANT, PNR)),
                "identity-already-checked");
        refused(
                fixture.given(opened(false), verified())
                        .when(new RejectIdentity(CASE_ID, Party.APPLICANT, IdentityRejectionReason.NOT_FOUND, null)),
                "identity-already-checked");
    }

    @Test
    void refusesAChecksForAPartyTheCaseDoesNotHave() {
        refused(
                fixture.given(opened(false)).when(new ConfirmIdentity(CASE_ID, Party.CO_APPLICANT, PNR)),
                "no-such-party");
        fixture.given(opened(true))
                .when(new RejectIdentity(CASE_ID, Party.CO_APPLICANT, IdentityRejectionReason.DECEASED, "W08020 05"))
                .expectEvents(new IdentityRejected(
                        CASE_ID, Party.CO_APPLICANT, IdentityRejectionReason.DECEASED, "W08020 05"));
    }

    @Test
    void reservesTheCreditCheckOfAVerifiedParty() {
        fixture.given(opened(false), verified())
                .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT))
                .expectEvents(reserved());
    }

    @Test
    void refusesASecondReservationWhateverHappenedToTheFirst() {
        refused(
                fixture.given(opened(false), verified(), reserved())
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "credit-check-already-reserved");
        refused(
                fixture.given(opened(false), verified(), reserved(), received())
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "credit-check-already-reserved");
        refused(
                fixture.given(
                                opened(false),
                                verified(),
                                reserved(),
                                new CreditCheckOutcomeUnknown(CASE_ID, Party.APPLICANT, "crash"))
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "credit-check-already-reserved");
        refused(
                fixture.given(
                                opened(false),
                                verified(),
                                reserved(),
                                new CreditCheckFailed(CASE_ID, Party.APPLICANT, "x"))
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "credit-check-already-reserved");
        refused(
                fixture.given(opened(false), verified(), skipped())
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "credit-check-already-reserved");
    }

    @Test
    void refusesAReservationWithoutAVerifiedIdentityOrOnAClosedCase() {
        refused(
                fixture.given(opened(false)).when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "identity-not-verified");
        refused(
                fixture.given(
                                opened(false),
                                new IdentityRejected(
                                        CASE_ID, Party.APPLICANT, IdentityRejectionReason.NAME_MISMATCH, null))
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "identity-not-verified");
        refused(
                fixture.given(
                                opened(false),
                                verified(),
                                new CaseClosed(CASE_ID, CloseReason.WITHDRAWN_BY_APPLICANT, null))
                        .when(new ReserveCreditCheck(CASE_ID, Party.APPLICANT)),
                "case-closed");
    }

    @Test
    void theCoApplicantHasACheckOfItsOwn() {
        fixture.given(opened(true), verified(), reserved(), new IdentityVerified(CASE_ID, Party.CO_APPLICANT, PNR))
                .when(new ReserveCreditCheck(CASE_ID, Party.CO_APPLICANT))
                .expectEvents(new CreditCheckReserved(CASE_ID, Party.CO_APPLICANT));
    }

    @Test
    void recordsAnAnswerOnlyForAReservedCheck() {
        fixture.given(opened(false), verified(), reserved())
                .when(new RecordCreditReport(CASE_ID, Party.APPLICANT, REPORT))
                .expectEvents(received());
        refused(
                fixture.given(opened(false), verified()).when(new RecordCreditReport(CASE_ID, Party.APPLICANT, REPORT)),
                "credit-check-not-pending");
        refused(
                fixture.given(opened(false), verified(), reserved(), received())
                        .when(new RecordCreditReport(CASE_ID, Party.APPLICANT, REPORT)),
                "credit-check-not-pending");
        fixture.given(opened(false), verified(), reserved())
                .when(new RecordCreditCheckFailure(CASE_ID, Party.APPLICANT, "unreadable"))
                .expectEvents(new CreditCheckFailed(CASE_ID, Party.APPLICANT, "unreadable"));
    }

    @Test
    void aLateAnswerResolvesAnUnknownOutcome() {
        fixture.given(
                        opened(false),
                        verified(),
                        reserved(),
                        new CreditCheckOutcomeUnknown(CASE_ID, Party.APPLICANT, "r"))
                .when(new RecordCreditReport(CASE_ID, Party.APPLICANT, REPORT))
                .expectEvents(received());
    }

    @Test
    void marksOnlyAPendingCheckUnknown() {
        fixture.given(opened(false), verified(), reserved())
                .when(new MarkCreditCheckUnknown(CASE_ID, Party.APPLICANT, "no answer"))
                .expectEvents(new CreditCheckOutcomeUnknown(CASE_ID, Party.APPLICANT, "no answer"));
        refused(
                fixture.given(opened(false), verified(), reserved(), received())
                        .when(new MarkCreditCheckUnknown(CASE_ID, Party.APPLICANT, "late")),
                "credit-check-not-pending");
        refused(
                fixture.given(opened(false), verified())
                        .when(new MarkCreditCheckUnknown(CASE_ID, Party.APPLICANT, "never reserved")),
                "credit-check-not-pending");
    }

    @Test
    void skipsOnlyACheckThatWasNotReserved() {
        fixture.given(opened(false))
                .when(new SkipCreditCheck(CASE_ID, Party.APPLICANT, CreditCheckSkipReason.STALE_TRIGGER, "old"))
                .expectEvents(skipped());
        refused(
                fixture.given(opened(false), verified(), reserved())
                        .when(new SkipCreditCheck(
                                CASE_ID, Party.APPLICANT, CreditCheckSkipReason.STALE_TRIGGER, "old")),
                "credit-check-already-reserved");
    }

    private static CreditReportReceived received() {
        return new CreditReportReceived(CASE_ID, Party.APPLICANT, REPORT);
    }

    private static CreditCheckSkipped skipped() {
        return new CreditCheckSkipped(CASE_ID, Party.APPLICANT, CreditCheckSkipReason.STALE_TRIGGER, "old");
    }
}
