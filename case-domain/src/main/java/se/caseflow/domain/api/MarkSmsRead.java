package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff have read the applicant's SMS replies on this case. */
public record MarkSmsRead(@TargetAggregateIdentifier String caseId) {}
