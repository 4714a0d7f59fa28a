package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The deadline of the {@code reminder}-th reminder (from 1) of a debt letter has fired. Sent only by caseflow's
 * deadline handler; a letter signed, a case closed or a reminder recorded before records nothing.
 */
public record MarkDebtLetterReminderDue(
        @TargetAggregateIdentifier String caseId, int reminder) {}
