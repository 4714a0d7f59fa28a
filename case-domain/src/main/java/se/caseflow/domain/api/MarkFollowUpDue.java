package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A follow-up's deadline has fired. Sent only by caseflow's deadline handler; a follow-up already due, or one on a
 * closed case, records nothing.
 */
public record MarkFollowUpDue(@TargetAggregateIdentifier String caseId, String followUpId) {}
