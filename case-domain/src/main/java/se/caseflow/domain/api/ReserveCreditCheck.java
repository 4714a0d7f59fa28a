package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Internal (credit-check saga): reserve the one UC credit report of a party before UC is called. The case
 * accepts it once per party, ever: the reservation is the guard against a second report.
 */
public record ReserveCreditCheck(@TargetAggregateIdentifier String caseId, Party party) {}
