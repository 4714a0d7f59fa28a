package se.caseflow.domain.api;

/** One offer when bidding closed; rank 1 has the lowest effective interest. */
public record RankedOffer(int rank, String partnerId, BidTerms terms) {}
