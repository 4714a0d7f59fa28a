package se.caseflow.projections.partners;

import java.time.Instant;
import se.caseflow.projections.format.Summary;
import se.caseflow.projections.format.SwedishFormat;
import se.caseflow.projections.format.Terms;

/**
 * What one partner sees of a case offered to it, {@code partner/{partnerId}/case/{caseId}}: the summary (no personal
 * data), the window, {@code status} {@code open}/{@code closed}, its own live bid only (null when it has none) and
 * {@code outcome} {@code pending}/{@code won}/{@code lost}. {@code version} counts this document's own changes, so it
 * tells nothing of other partners' bids.
 */
record PartnerCaseDocument(
        String caseId,
        String partnerId,
        long version,
        Summary summary,
        Instant offeredAt,
        Instant closesAt,
        String closesAtLocal,
        String status,
        Bid bid,
        String outcome) {

    static final String OPEN = "open";
    static final String CLOSED = "closed";
    static final String PENDING = "pending";
    static final String WON = "won";
    static final String LOST = "lost";

    /** The partner's own bid; {@code revisedAt} null until revised. */
    record Bid(Terms terms, Instant placedAt, Instant revisedAt) {}

    /** The case as first offered to the partner at {@code at}: open until {@code closesAt}, no bid, outcome pending. */
    static PartnerCaseDocument offered(String caseId, String partnerId, Summary summary, Instant at, Instant closesAt) {
        return new PartnerCaseDocument(
                caseId, partnerId, 0, summary, at, closesAt, SwedishFormat.localTime(closesAt), OPEN, null, PENDING);
    }

    PartnerCaseDocument withBid(Bid newBid) {
        return new PartnerCaseDocument(
                caseId, partnerId, version, summary, offeredAt, closesAt, closesAtLocal, status, newBid, outcome);
    }

    PartnerCaseDocument closed(String newOutcome) {
        return new PartnerCaseDocument(
                caseId, partnerId, version, summary, offeredAt, closesAt, closesAtLocal, CLOSED, bid, newOutcome);
    }

    /** The same content as the next version. */
    PartnerCaseDocument nextVersion() {
        return new PartnerCaseDocument(
                caseId, partnerId, version + 1, summary, offeredAt, closesAt, closesAtLocal, status, bid, outcome);
    }

    boolean pending() {
        return PENDING.equals(outcome);
    }
}
