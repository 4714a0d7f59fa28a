package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The bidding window's deadline has fired: rank the live bids and close the window. Sent only by caseflow's deadline
 * handler; a window already closed (or a closed case) closes nothing.
 */
public record CloseBidding(@TargetAggregateIdentifier String caseId) {}
