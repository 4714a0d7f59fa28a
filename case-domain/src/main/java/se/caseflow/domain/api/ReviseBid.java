package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Partner: replace the terms of its live bid, inside the window. */
public record ReviseBid(@TargetAggregateIdentifier String caseId, String partnerId, BidTerms terms) {}
