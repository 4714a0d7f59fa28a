package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes an open case for one of the fixed reasons, with an optional comment. */
public record CloseCase(@TargetAggregateIdentifier String caseId, CloseReason reason, String comment) {}
