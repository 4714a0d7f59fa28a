package se.caseflow.projections.cases;

import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.Party;

/** One English line per event for the activity feed; never any personal data beyond what staff typed. */
final class ActivityText {

    private ActivityText() {}

    static String opened(CaseOpened event) {
        return "Case opened: " + SwedishFormat.kronor(event.loan().amountSek()) + " over "
                + event.loan().termMonths() + " months (" + event.loan().purpose() + ")"
                + (event.coApplicant() == null ? "" : ", with a co-applicant");
    }

    static String note(NoteAdded event) {
        return "Note " + event.noteNumber() + " added: " + event.text();
    }

    static String closed(CaseClosed event) {
        String comment = event.comment() == null || event.comment().isBlank() ? "" : " (" + event.comment() + ")";
        return "Case closed: " + event.reason() + comment;
    }

    static String verified(IdentityVerified event) {
        return "Identity of the " + who(event.party()) + " verified by UC";
    }

    static String rejected(IdentityRejected event) {
        return "Identity of the " + who(event.party()) + " not verified: " + event.reason() + detail(event.detail());
    }

    static String reserved(CreditCheckReserved event) {
        return "UC credit report of the " + who(event.party()) + " reserved; asking UC";
    }

    static String received(CreditReportReceived event) {
        CreditReport report = event.report();
        return "UC credit report of the " + who(event.party()) + ": risk " + CaseChecks.percent(report.riskPercent())
                + ", recommended credit " + kronorOrNone(report.recommendedCreditSek()) + ", yearly income "
                + kronorOrNone(report.yearlyIncomeSek()) + ", " + report.paymentRemarks() + " payment remarks ("
                + SwedishFormat.kronor(report.paymentRemarksSumSek()) + "), " + report.recentInquiries()
                + " recent inquiries";
    }

    static String failed(CreditCheckFailed event) {
        return "UC credit check of the " + who(event.party()) + " failed: " + event.reason();
    }

    static String unknown(CreditCheckOutcomeUnknown event) {
        return "UC credit check of the " + who(event.party()) + " has an unknown outcome (" + event.reason()
                + "); UC is not asked again, a person must resolve it";
    }

    static String skipped(CreditCheckSkipped event) {
        return "UC credit check of the " + who(event.party()) + " skipped: " + event.reason() + detail(event.detail());
    }

    private static String who(Party party) {
        return party == Party.APPLICANT ? "applicant" : "co-applicant";
    }

    private static String detail(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }

    private static String kronorOrNone(Long amount) {
        return amount == null ? "not given" : SwedishFormat.kronor(amount);
    }
}
