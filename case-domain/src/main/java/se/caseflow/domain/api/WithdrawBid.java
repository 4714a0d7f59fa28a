package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Partner: take back its live bid, inside the window. */
public record WithdrawBid(@TargetAggregateIdentifier String caseId, String partnerId) {}
