package se.caseflow.domain.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.axonframework.deadline.DeadlineManager;
import se.caseflow.domain.api.AcceptOffer;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.PlaceBid;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.domain.api.RecordPayout;
import se.caseflow.domain.api.ReviseBid;
import se.caseflow.domain.api.WithdrawBid;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.IncomeBands;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.domain.bidding.RiskClass;
import se.caseflow.domain.cases.BiddingDeadlines.ReminderDue;
import se.caseflow.domain.cases.BiddingDeadlines.WindowCloses;

/**
 * The bidding, offer and debt-letter rules of one case: bidding opens once, after every party's good credit
 * report; invited partners bid while the window is open (now before {@code closesAt} and not yet closed); the
 * window's deadline ranks the live bids; staff accept a ranked offer, send the debt letter (reminded until
 * signed) and record the payout, which closes the case. Part of the {@link Case} aggregate's state (and its
 * snapshots).
 */
class CaseBidding {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** Lowest effective rate first, then lowest monthly cost, then partner id: the same order every time. */
    private static final Comparator<Map.Entry<String, BidTerms>> RANKING = Map.Entry.<String, BidTerms>comparingByValue(
                    Comparator.comparing(BidTerms::effectiveRatePercent).thenComparingLong(BidTerms::monthlyCostOre))
            .thenComparing(Map.Entry.comparingByKey());

    enum Phase {
        NOT_OPENED,
        OPEN,
        CLOSED
    }

    enum Letter {
        NOT_SENT,
        SENT,
        SIGNED
    }

    private LoanRequest loan;
    private Income income;
    private final Set<Party> parties = EnumSet.noneOf(Party.class);
    private final Map<Party, CreditReport> reports = new EnumMap<>(Party.class);
    private boolean caseClosed;
    private Phase phase = Phase.NOT_OPENED;
    private final List<String> invited = new ArrayList<>();
    private Instant closesAt;
    private final Map<String, BidTerms> liveBids = new TreeMap<>();
    private final List<RankedOffer> offers = new ArrayList<>();
    private String acceptedPartner;
    private Letter letter = Letter.NOT_SENT;
    private int remindersDue;

    // ---- opening ----

    List<Object> open(
            String caseId, PartnerDirectory directory, BiddingPolicy policy, Instant now, DeadlineManager deadlines) {
        requireCaseOpen(caseId, "open bidding on");
        if (phase != Phase.NOT_OPENED) {
            throw new CaseRuleViolation("bidding-already-opened", "Bidding on case " + caseId + " was opened before");
        }
        Set<Party> missing = EnumSet.copyOf(parties);
        missing.removeAll(reports.keySet());
        if (!missing.isEmpty()) {
            throw new CaseRuleViolation(
                    "credit-report-missing", "Case " + caseId + " has no credit report of the " + missing);
        }
        int riskClass = reports.values().stream()
                .mapToInt(report -> RiskClass.of(report.riskPercent()))
                .min()
                .orElseThrow();
        if (reports.values().stream().anyMatch(report -> report.paymentRemarks() > 0)) {
            throw new CaseRuleViolation(
                    "credit-not-good", "A credit report of case " + caseId + " has payment remarks: no bidding");
        }
        if (riskClass < policy.minimumRiskClass()) {
            throw new CaseRuleViolation(
                    "credit-not-good",
                    "Case " + caseId + " is in risk class " + riskClass + ", below the minimum "
                            + policy.minimumRiskClass() + ": no bidding");
        }
        PartnerCaseSummary summary = new PartnerCaseSummary(
                loan.amountSek(),
                loan.termMonths(),
                loan.purpose(),
                IncomeBands.of(income.monthlyGrossSek()),
                riskClass);
        List<String> partners = List.copyOf(new LinkedHashSet<>(directory.matching(summary)));
        if (partners.isEmpty()) {
            // nobody to wait for: the window opens and closes at once
            return List.of(
                    new BiddingOpened(caseId, partners, now.toString(), summary), new BiddingClosed(caseId, List.of()));
        }
        Instant closes = now.plus(policy.window());
        deadlines.schedule(closes, BiddingDeadlines.WINDOW, WindowCloses.of(caseId));
        return List.of(new BiddingOpened(caseId, partners, closes.toString(), summary));
    }

    // ---- the partners' bids, inside the window ----

    BidPlaced place(String caseId, PlaceBid command, Instant now) {
        requireWindow(caseId, command.partnerId(), now);
        if (liveBids.containsKey(command.partnerId())) {
            throw new CaseRuleViolation(
                    "bid-already-placed",
                    "Partner " + command.partnerId() + " has a live bid on case " + caseId + ": revise it instead");
        }
        return new BidPlaced(caseId, command.partnerId(), command.terms());
    }

    BidRevised revise(String caseId, ReviseBid command, Instant now) {
        requireLiveBid(caseId, command.partnerId(), now);
        return new BidRevised(caseId, command.partnerId(), command.terms());
    }

    BidWithdrawn withdraw(String caseId, WithdrawBid command, Instant now) {
        requireLiveBid(caseId, command.partnerId(), now);
        return new BidWithdrawn(caseId, command.partnerId());
    }

    private void requireLiveBid(String caseId, String partnerId, Instant now) {
        requireWindow(caseId, partnerId, now);
        if (!liveBids.containsKey(partnerId)) {
            throw new CaseRuleViolation("no-live-bid", "Partner " + partnerId + " has no live bid on case " + caseId);
        }
    }

    private void requireWindow(String caseId, String partnerId, Instant now) {
        if (phase == Phase.NOT_OPENED) {
            throw new CaseRuleViolation("bidding-not-open", "Case " + caseId + " is not open for bidding");
        }
        if (!invited.contains(partnerId)) {
            throw new CaseRuleViolation(
                    "not-invited", "Partner " + partnerId + " was not invited to bid on case " + caseId);
        }
        if (phase == Phase.CLOSED || caseClosed || !now.isBefore(closesAt)) {
            throw new CaseRuleViolation("bidding-closed", "Bidding on case " + caseId + " closed at " + closesAt);
        }
    }

    // ---- the window's deadline (CloseBidding) ----

    /** Empty when the window closed before (a second firing) or the case was closed meanwhile. */
    Optional<BiddingClosed> close(String caseId) {
        if (phase != Phase.OPEN || caseClosed) {
            return Optional.empty();
        }
        LocalDate closingDate = closesAt.atZone(STOCKHOLM).toLocalDate();
        List<Map.Entry<String, BidTerms>> valid = liveBids.entrySet().stream()
                .filter(bid -> !LocalDate.parse(bid.getValue().validUntil()).isBefore(closingDate))
                .sorted(RANKING)
                .toList();
        List<RankedOffer> ranked = IntStream.range(0, valid.size())
                .mapToObj(i -> new RankedOffer(
                        i + 1, valid.get(i).getKey(), valid.get(i).getValue()))
                .toList();
        return Optional.of(new BiddingClosed(caseId, ranked));
    }

    // ---- the offer, the debt letter and the payout (staff) ----

    OfferAccepted accept(String caseId, AcceptOffer command, Instant now) {
        requireCaseOpen(caseId, "accept an offer on");
        if (acceptedPartner != null) {
            throw new CaseRuleViolation(
                    "offer-already-accepted", "Case " + caseId + " already accepted the offer of " + acceptedPartner);
        }
        if (phase != Phase.CLOSED) {
            throw new CaseRuleViolation(
                    "offer-not-ranked", "Bidding on case " + caseId + " has not closed: no offer is ranked yet");
        }
        RankedOffer offer = offers.stream()
                .filter(ranked -> ranked.partnerId().equals(command.partnerId()))
                .findFirst()
                .orElseThrow(() -> new CaseRuleViolation(
                        "offer-not-ranked", "Case " + caseId + " has no ranked offer of " + command.partnerId()));
        LocalDate today = now.atZone(STOCKHOLM).toLocalDate();
        if (LocalDate.parse(offer.terms().validUntil()).isBefore(today)) {
            throw new CaseRuleViolation(
                    "offer-expired",
                    "The offer of " + command.partnerId() + " held until "
                            + offer.terms().validUntil());
        }
        return new OfferAccepted(caseId, offer.partnerId(), offer.terms());
    }

    DebtLetterSent sendLetter(String caseId, BiddingPolicy policy, Instant now, DeadlineManager deadlines) {
        requireCaseOpen(caseId, "send a debt letter on");
        if (acceptedPartner == null) {
            throw new CaseRuleViolation("no-accepted-offer", "Case " + caseId + " has no accepted offer");
        }
        if (letter != Letter.NOT_SENT) {
            throw new CaseRuleViolation(
                    "debt-letter-already-sent", "The debt letter of case " + caseId + " was sent before");
        }
        Instant remindAt = scheduleReminder(caseId, 1, policy, now, deadlines);
        return new DebtLetterSent(caseId, acceptedPartner, remindAt == null ? null : remindAt.toString());
    }

    /** Empty when the letter was signed, the case closed, or this reminder was recorded before. */
    Optional<DebtLetterReminderDue> remind(
            String caseId, int reminder, BiddingPolicy policy, Instant now, DeadlineManager deadlines) {
        if (caseClosed || letter != Letter.SENT || reminder <= remindersDue) {
            return Optional.empty();
        }
        Instant next = scheduleReminder(caseId, reminder + 1, policy, now, deadlines);
        return Optional.of(new DebtLetterReminderDue(caseId, reminder, next == null ? null : next.toString()));
    }

    private static Instant scheduleReminder(
            String caseId, int reminder, BiddingPolicy policy, Instant now, DeadlineManager deadlines) {
        if (reminder > policy.reminders()) {
            return null;
        }
        Instant at = now.plus(policy.reminderAfter());
        deadlines.schedule(at, BiddingDeadlines.REMINDER, ReminderDue.of(caseId, reminder));
        return at;
    }

    DebtLetterSigned signed(String caseId, DeadlineManager deadlines) {
        requireCaseOpen(caseId, "record a signed debt letter on");
        requireLetterSent(caseId);
        if (letter == Letter.SIGNED) {
            throw new CaseRuleViolation(
                    "debt-letter-already-signed", "The debt letter of case " + caseId + " was signed before");
        }
        deadlines.cancelAllWithinScope(BiddingDeadlines.REMINDER);
        return new DebtLetterSigned(caseId);
    }

    List<Object> payout(String caseId, RecordPayout command) {
        requireCaseOpen(caseId, "record a payout on");
        requireLetterSent(caseId);
        if (letter != Letter.SIGNED) {
            throw new CaseRuleViolation(
                    "debt-letter-not-signed", "The debt letter of case " + caseId + " is not signed");
        }
        return List.of(
                new PaidOut(caseId, acceptedPartner, command.amountSek()),
                new CaseClosed(caseId, CloseReason.PAID_OUT, null));
    }

    private void requireLetterSent(String caseId) {
        if (acceptedPartner == null) {
            throw new CaseRuleViolation("no-accepted-offer", "Case " + caseId + " has no accepted offer");
        }
        if (letter == Letter.NOT_SENT) {
            throw new CaseRuleViolation("debt-letter-not-sent", "The debt letter of case " + caseId + " was not sent");
        }
    }

    private void requireCaseOpen(String caseId, String action) {
        if (caseClosed) {
            throw new CaseRuleViolation("case-closed", "Cannot " + action + " case " + caseId + ": it is closed");
        }
    }

    // ---- state ----

    void on(CaseOpened event) {
        loan = event.loan();
        income = event.income();
        parties.add(Party.APPLICANT);
        if (event.coApplicant() != null) {
            parties.add(Party.CO_APPLICANT);
        }
    }

    void on(CreditReportReceived event) {
        reports.put(event.party(), event.report());
    }

    void on(CaseClosed event) {
        caseClosed = true;
    }

    void on(BiddingOpened event) {
        phase = Phase.OPEN;
        invited.addAll(event.invitedPartners());
        closesAt = Instant.parse(event.closesAt());
    }

    void on(BidPlaced event) {
        liveBids.put(event.partnerId(), event.terms());
    }

    void on(BidRevised event) {
        liveBids.put(event.partnerId(), event.terms());
    }

    void on(BidWithdrawn event) {
        liveBids.remove(event.partnerId());
    }

    void on(BiddingClosed event) {
        phase = Phase.CLOSED;
        offers.addAll(event.offers());
    }

    void on(OfferAccepted event) {
        acceptedPartner = event.partnerId();
    }

    void on(DebtLetterSent event) {
        letter = Letter.SENT;
    }

    void on(DebtLetterReminderDue event) {
        remindersDue = event.reminder();
    }

    void on(DebtLetterSigned event) {
        letter = Letter.SIGNED;
    }
}
