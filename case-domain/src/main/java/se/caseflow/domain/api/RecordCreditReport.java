package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Internal (credit-check saga): UC answered the reserved check with a report. */
public record RecordCreditReport(@TargetAggregateIdentifier String caseId, Party party, CreditReport report) {}
