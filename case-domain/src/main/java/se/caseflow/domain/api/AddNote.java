package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a free-text note from staff to an open case. */
public record AddNote(@TargetAggregateIdentifier String caseId, String text) {}
