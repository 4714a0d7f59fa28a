package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Nobody knows whether the message went out; a person decides, nothing resends it by itself. */
public record RecordSmsOutcomeUnknown(
        @TargetAggregateIdentifier String caseId, String messageId, String reason) {}
