package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Partner: bid on a case offered to it, inside the window. {@code partnerId} is set by the partner channel
 * from the signed-in partner, never taken from the request. One live bid per partner and case.
 */
public record PlaceBid(@TargetAggregateIdentifier String caseId, String partnerId, BidTerms terms) {}
