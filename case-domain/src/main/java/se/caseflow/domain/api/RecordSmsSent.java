package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Twilio accepted the message and named it {@code messageSid}. */
public record RecordSmsSent(
        @TargetAggregateIdentifier String caseId, String messageId, String messageSid, String status) {}
