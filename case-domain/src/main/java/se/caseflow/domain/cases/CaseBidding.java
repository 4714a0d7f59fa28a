package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonBackReference;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import se.caseflow.domain.api.AcceptOffer;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseBidding;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.PlaceBid;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.domain.api.ReviseBid;
import se.caseflow.domain.api.WithdrawBid;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.IncomeBands;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.domain.bidding.RiskClass;
import se.caseflow.domain.cases.BiddingDeadlines.WindowCloses;

/**
 * The bidding rules of one case: bidding opens once, after a good credit report of every party of the case;
 * invited partners bid while the window is open (now before {@code closesAt} and not yet closed); the window's
 * deadline ranks the live bids; staff accept a ranked offer, once, while it holds. The accepted partner is the one
 * the debt letter ({@link CaseDebtLetter}) asks for. A part of the {@link Case} aggregate.
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

    @JsonBackReference
    private Case owner;

    private LoanRequest loan;
    private Income income;
    private Phase phase = Phase.NOT_OPENED;
    private final List<String> invited = new ArrayList<>();
    private Instant closesAt;
    private final Map<String, BidTerms> liveBids = new TreeMap<>();
    private final List<RankedOffer> offers = new ArrayList<>();
    private String acceptedPartner;

    /** For a snapshot; the case links itself back in. */
    CaseBidding() {}

    CaseBidding(Case owner) {
        this.owner = owner;
    }

    // ---- opening ----

    @CommandHandler
    void handle(
            OpenBidding command,
            PartnerDirectory directory,
            BiddingPolicy policy,
            Clock clock,
            DeadlineManager deadlines) {
        String caseId = owner.id();
        owner.requireOpen("open bidding on");
        if (phase != Phase.NOT_OPENED) {
            throw new CaseRuleViolation("bidding-already-opened", "Bidding on case " + caseId + " was opened before");
        }
        Map<Party, CreditReport> reports = owner.creditReports();
        Set<Party> missing = EnumSet.noneOf(Party.class);
        missing.addAll(owner.parties());
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
        Instant now = clock.instant();
        if (partners.isEmpty()) {
            // nobody to wait for: the window opens and closes at once
            apply(new BiddingOpened(caseId, partners, now.toString(), summary));
            apply(new BiddingClosed(caseId, List.of()));
            return;
        }
        Instant closes = now.plus(policy.window());
        deadlines.schedule(closes, BiddingDeadlines.WINDOW, WindowCloses.of(caseId));
        apply(new BiddingOpened(caseId, partners, closes.toString(), summary));
    }

    // ---- the partners' bids, inside the window ----

    @CommandHandler
    void handle(PlaceBid command, Clock clock) {
        requireWindow(command.partnerId(), clock.instant());
        if (liveBids.containsKey(command.partnerId())) {
            throw new CaseRuleViolation(
                    "bid-already-placed",
                    "Partner " + command.partnerId() + " has a live bid on case " + owner.id() + ": revise it instead");
        }
        apply(new BidPlaced(owner.id(), command.partnerId(), command.terms()));
    }

    @CommandHandler
    void handle(ReviseBid command, Clock clock) {
        requireLiveBid(command.partnerId(), clock.instant());
        apply(new BidRevised(owner.id(), command.partnerId(), command.terms()));
    }

    @CommandHandler
    void handle(WithdrawBid command, Clock clock) {
        requireLiveBid(command.partnerId(), clock.instant());
        apply(new BidWithdrawn(owner.id(), command.partnerId()));
    }

    private void requireLiveBid(String partnerId, Instant now) {
        requireWindow(partnerId, now);
        if (!liveBids.containsKey(partnerId)) {
            throw new CaseRuleViolation(
                    "no-live-bid", "Partner " + partnerId + " has no live bid on case " + owner.id());
        }
    }

    private void requireWindow(String partnerId, Instant now) {
        String caseId = owner.id();
        if (phase == Phase.NOT_OPENED) {
            throw new CaseRuleViolation("bidding-not-open", "Case " + caseId + " is not open for bidding");
        }
        if (!invited.contains(partnerId)) {
            throw new CaseRuleViolation(
                    "not-invited", "Partner " + partnerId + " was not invited to bid on case " + caseId);
        }
        if (phase == Phase.CLOSED || owner.closed() || !now.isBefore(closesAt)) {
            throw new CaseRuleViolation("bidding-closed", "Bidding on case " + caseId + " closed at " + closesAt);
        }
    }

    // ---- the window's deadline ----

    /**
     * Sent when the window's deadline fires ({@link CaseDeadlines}): ranks the live bids. A window closed before (a
     * second firing), or a case closed meanwhile, records nothing.
     */
    @CommandHandler
    void handle(CloseBidding command) {
        if (phase != Phase.OPEN || owner.closed()) {
            return;
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
        apply(new BiddingClosed(owner.id(), ranked));
    }

    // ---- the offer (staff) ----

    @CommandHandler
    void handle(AcceptOffer command, Clock clock) {
        String caseId = owner.id();
        owner.requireOpen("accept an offer on");
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
        LocalDate today = clock.instant().atZone(STOCKHOLM).toLocalDate();
        if (LocalDate.parse(offer.terms().validUntil()).isBefore(today)) {
            throw new CaseRuleViolation(
                    "offer-expired",
                    "The offer of " + command.partnerId() + " held until "
                            + offer.terms().validUntil());
        }
        apply(new OfferAccepted(caseId, offer.partnerId(), offer.terms()));
    }

    /** The partner whose offer was accepted, or null. */
    String acceptedPartner() {
        return acceptedPartner;
    }

    // ---- state ----

    @EventSourcingHandler
    void on(CaseOpened event) {
        loan = event.loan();
        income = event.income();
    }

    @EventSourcingHandler
    void on(BiddingOpened event) {
        phase = Phase.OPEN;
        invited.addAll(event.invitedPartners());
        closesAt = Instant.parse(event.closesAt());
    }

    @EventSourcingHandler
    void on(BidPlaced event) {
        liveBids.put(event.partnerId(), event.terms());
    }

    @EventSourcingHandler
    void on(BidRevised event) {
        liveBids.put(event.partnerId(), event.terms());
    }

    @EventSourcingHandler
    void on(BidWithdrawn event) {
        liveBids.remove(event.partnerId());
    }

    @EventSourcingHandler
    void on(BiddingClosed event) {
        phase = Phase.CLOSED;
        offers.addAll(event.offers());
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        acceptedPartner = event.partnerId();
    }
}
