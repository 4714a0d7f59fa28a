package se.caseflow.projections.cases;

import java.time.Instant;
import java.util.List;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.projections.format.Summary;
import se.caseflow.projections.format.SwedishFormat;
import se.caseflow.projections.format.Terms;

/** One English line per event for the activity feed; never any personal data beyond what staff typed. */
final class ActivityText {

    private ActivityText() {}

    /** The one entry of an erased applicant's activity feed. */
    static final String ERASED = "The applicant's personal data was erased: this case's activity is no longer shown";

    static String opened(CaseOpened event) {
        return "Case opened: " + SwedishFormat.kronor(event.loan().amountSek()) + " over "
                + event.loan().termMonths() + " months (" + event.loan().purpose() + ")"
                + (event.coApplicant() == null ? "" : ", with a co-applicant");
    }

    /** {@code text}: the note as unwrapped (null when not kept). */
    static String note(NoteAdded event, String text) {
        return "Note " + event.noteNumber() + " added: " + (text == null ? "" : text);
    }

    static String closed(CaseClosed event, String comment) {
        return "Case closed: " + event.reason() + (comment == null || comment.isBlank() ? "" : " (" + comment + ")");
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
        return "UC credit report of the " + who(event.party()) + ": risk " + SwedishFormat.percent(report.riskPercent())
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

    static String biddingOpened(BiddingOpened event) {
        List<String> partners = event.invitedPartners();
        if (partners.isEmpty()) {
            return "Bidding opened, but no partner matches the case: the window closes at once";
        }
        Summary summary = Summary.of(event.summary());
        return "Bidding opened for " + partners.size() + (partners.size() == 1 ? " partner (" : " partners (")
                + String.join(", ", partners) + ") until " + at(event.closesAt()) + "; risk class "
                + summary.riskClass() + ", income " + summary.incomeBandLabel();
    }

    static String bidPlaced(BidPlaced event) {
        return "Bid from " + event.partnerId() + ": " + Terms.of(event.terms()).line();
    }

    static String bidRevised(BidRevised event) {
        return "Bid from " + event.partnerId() + " revised: "
                + Terms.of(event.terms()).line();
    }

    static String bidWithdrawn(BidWithdrawn event) {
        return "Bid from " + event.partnerId() + " withdrawn";
    }

    static String biddingClosed(BiddingClosed event) {
        if (event.offers().isEmpty()) {
            return "Bidding closed without offers";
        }
        RankedOffer best = event.offers().get(0);
        int count = event.offers().size();
        return "Bidding closed with " + count + (count == 1 ? " offer" : " offers") + "; best: " + best.partnerId()
                + " at " + Terms.of(best.terms()).effectiveRate() + " effective";
    }

    static String offerAccepted(OfferAccepted event) {
        return "Offer of " + event.partnerId() + " accepted: "
                + Terms.of(event.terms()).line();
    }

    static String debtLetterSent(DebtLetterSent event) {
        return "Debt letter of " + event.partnerId() + " sent for signing; a reminder is due " + at(event.remindAt());
    }

    static String debtLetterReminder(DebtLetterReminderDue event) {
        return "Debt letter still unsigned: reminder " + event.reminder()
                + (event.nextRemindAt() == null ? ", the last one" : "; the next is due " + at(event.nextRemindAt()));
    }

    static String debtLetterSigned() {
        return "Debt letter signed";
    }

    static String paidOut(PaidOut event) {
        return "Paid out " + SwedishFormat.kronor(event.amountSek()) + " by " + event.partnerId();
    }

    static String followUpScheduled(FollowUpScheduled event, String note) {
        return "Follow-up scheduled for " + event.date() + about(note);
    }

    static String followUpDue(FollowUpDue event, String note) {
        return "Follow-up due (" + event.date() + ")" + about(note);
    }

    private static String about(String note) {
        return note == null || note.isBlank() ? "" : ": " + note;
    }

    private static String at(String instant) {
        return SwedishFormat.localTime(Instant.parse(instant));
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
