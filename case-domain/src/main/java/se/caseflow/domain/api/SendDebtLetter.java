package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff: the debt letter (skuldebrev) of the accepted offer goes out for signing. */
public record SendDebtLetter(@TargetAggregateIdentifier String caseId) {}
