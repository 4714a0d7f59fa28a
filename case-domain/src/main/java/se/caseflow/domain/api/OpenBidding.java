package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Internal (bidding saga, after a credit report): offer the case to the partners whose criteria match, for
 * the bidding window. Refused while a party's credit report is missing or when the reports are not good.
 */
public record OpenBidding(@TargetAggregateIdentifier String caseId) {}
