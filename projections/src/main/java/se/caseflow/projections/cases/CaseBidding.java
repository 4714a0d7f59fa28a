package se.caseflow.projections.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.projections.format.Summary;
import se.caseflow.projections.format.SwedishFormat;
import se.caseflow.projections.format.Terms;

/**
 * The {@code bidding} section of the staff case document: the window, every live bid (staff see them all), the
 * ranked offers once it closed, the accepted offer, the debt letter and the payout. {@code status} is
 * {@code open} or {@code closed} (the window); {@code stage} says how far the case got.
 */
record CaseBidding(
        String status,
        String stage,
        Instant openedAt,
        Instant closesAt,
        String closesAtLocal,
        Instant closedAt,
        Summary summary,
        List<String> invitedPartners,
        List<Bid> bids,
        List<Offer> offers,
        Accepted accepted,
        DebtLetter debtLetter,
        Payout paidOut) {

    static final String OPEN = "open";
    static final String CLOSED = "closed";

    static final String BIDDING_OPEN = "bidding-open";
    static final String OFFERS_READY = "offers-ready";
    static final String NO_OFFERS = "no-offers";
    static final String OFFER_ACCEPTED = "offer-accepted";
    static final String DEBT_LETTER_SENT = "debt-letter-sent";
    static final String DEBT_LETTER_SIGNED = "debt-letter-signed";
    static final String PAID_OUT = "paid-out";

    /** A live bid; {@code revisedAt} null until revised. Sorted by partner id. */
    record Bid(String partnerId, Terms terms, Instant placedAt, Instant revisedAt) {}

    record Offer(int rank, String partnerId, Terms terms) {}

    record Accepted(String partnerId, Terms terms, Instant acceptedAt) {}

    /**
     * {@code status} {@code sent} or {@code signed}; {@code remindAt} the next reminder (null: none left or signed),
     * {@code reminders} how many fired so far.
     */
    record DebtLetter(
            String status,
            String partnerId,
            Instant sentAt,
            Instant remindAt,
            int reminders,
            Instant lastReminderAt,
            Instant signedAt) {

        /** Sent at {@code at}, first reminder at {@code remindAt}; no reminder yet, not signed. */
        static DebtLetter sent(String partnerId, Instant at, Instant remindAt) {
            return new DebtLetter("sent", partnerId, at, remindAt, 0, null, null);
        }

        /** Reminder number {@code reminder} fired at {@code at}; the next one at {@code nextRemindAt}. */
        DebtLetter reminded(int reminder, Instant nextRemindAt, Instant at) {
            return new DebtLetter(status, partnerId, sentAt, nextRemindAt, reminder, at, null);
        }

        /** Signed at {@code at}: no reminder left. */
        DebtLetter signed(Instant at) {
            return new DebtLetter("signed", partnerId, sentAt, null, reminders, lastReminderAt, at);
        }
    }

    record Payout(String partnerId, long amountSek, String amount, Instant paidAt) {}

    /** The window opened: no bid, offer, acceptance, debt letter or payout yet. */
    static CaseBidding opened(BiddingOpened event, Instant at) {
        Instant closesAt = Instant.parse(event.closesAt());
        Builder opened = new Builder();
        opened.status = OPEN;
        opened.stage = BIDDING_OPEN;
        opened.openedAt = at;
        opened.closesAt = closesAt;
        opened.closesAtLocal = SwedishFormat.localTime(closesAt);
        opened.summary = Summary.of(event.summary());
        opened.invitedPartners = List.copyOf(event.invitedPartners());
        return opened.build();
    }

    CaseBidding withBid(String partnerId, BidTerms terms, Instant at) {
        List<Bid> after = new ArrayList<>();
        Instant placedAt = at;
        Instant revisedAt = null;
        for (Bid bid : bids) {
            if (bid.partnerId().equals(partnerId)) {
                placedAt = bid.placedAt();
                revisedAt = at;
            } else {
                after.add(bid);
            }
        }
        after.add(new Bid(partnerId, Terms.of(terms), placedAt, revisedAt));
        after.sort(Comparator.comparing(Bid::partnerId));
        return withBids(after);
    }

    CaseBidding withoutBid(String partnerId) {
        return withBids(
                bids.stream().filter(bid -> !bid.partnerId().equals(partnerId)).toList());
    }

    CaseBidding closed(BiddingClosed event, Instant at) {
        List<Offer> ranked = event.offers().stream()
                .map(offer -> new Offer(offer.rank(), offer.partnerId(), Terms.of(offer.terms())))
                .toList();
        Builder closed = new Builder(this);
        closed.status = CLOSED;
        closed.stage = ranked.isEmpty() ? NO_OFFERS : OFFERS_READY;
        closed.closedAt = at;
        closed.offers = ranked;
        return closed.build();
    }

    CaseBidding accepted(String partnerId, BidTerms terms, Instant at) {
        return next(OFFER_ACCEPTED, new Accepted(partnerId, Terms.of(terms), at), debtLetter, paidOut);
    }

    CaseBidding debtLetterSent(String partnerId, Instant remindAt, Instant at) {
        return next(DEBT_LETTER_SENT, accepted, DebtLetter.sent(partnerId, at, remindAt), paidOut);
    }

    CaseBidding reminded(int reminder, Instant nextRemindAt, Instant at) {
        return next(stage, accepted, debtLetter.reminded(reminder, nextRemindAt, at), paidOut);
    }

    CaseBidding signed(Instant at) {
        return next(DEBT_LETTER_SIGNED, accepted, debtLetter.signed(at), paidOut);
    }

    CaseBidding paidOut(String partnerId, long amountSek, Instant at) {
        return next(
                PAID_OUT, accepted, debtLetter, new Payout(partnerId, amountSek, SwedishFormat.kronor(amountSek), at));
    }

    /** The debt letter went out and is not signed yet. */
    boolean awaitingSignature() {
        return debtLetter != null && debtLetter.signedAt() == null;
    }

    private CaseBidding withBids(List<Bid> newBids) {
        return changed(stage, List.copyOf(newBids), accepted, debtLetter, paidOut);
    }

    private CaseBidding next(String newStage, Accepted newAccepted, DebtLetter newLetter, Payout newPayout) {
        return changed(newStage, bids, newAccepted, newLetter, newPayout);
    }

    private CaseBidding changed(
            String newStage, List<Bid> newBids, Accepted newAccepted, DebtLetter newLetter, Payout newPayout) {
        Builder changed = new Builder(this);
        changed.stage = newStage;
        changed.bids = newBids;
        changed.accepted = newAccepted;
        changed.debtLetter = newLetter;
        changed.paidOut = newPayout;
        return changed.build();
    }

    /** The fields of a section being made; the one place that calls the record's constructor. */
    private static final class Builder {
        private String status;
        private String stage;
        private Instant openedAt;
        private Instant closesAt;
        private String closesAtLocal;
        private Instant closedAt;
        private Summary summary;
        private List<String> invitedPartners;
        private List<Bid> bids = List.of();
        private List<Offer> offers = List.of();
        private Accepted accepted;
        private DebtLetter debtLetter;
        private Payout paidOut;

        Builder() {}

        Builder(CaseBidding bidding) {
            status = bidding.status;
            stage = bidding.stage;
            openedAt = bidding.openedAt;
            closesAt = bidding.closesAt;
            closesAtLocal = bidding.closesAtLocal;
            closedAt = bidding.closedAt;
            summary = bidding.summary;
            invitedPartners = bidding.invitedPartners;
            bids = bidding.bids;
            offers = bidding.offers;
            accepted = bidding.accepted;
            debtLetter = bidding.debtLetter;
            paidOut = bidding.paidOut;
        }

        CaseBidding build() {
            return new CaseBidding(
                    status,
                    stage,
                    openedAt,
                    closesAt,
                    closesAtLocal,
                    closedAt,
                    summary,
                    invitedPartners,
                    bids,
                    offers,
                    accepted,
                    debtLetter,
                    paidOut);
        }
    }
}
