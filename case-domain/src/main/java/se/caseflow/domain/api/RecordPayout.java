package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff: the partner paid the loan out; this closes the case. */
public record RecordPayout(@TargetAggregateIdentifier String caseId, long amountSek) {}
