package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The message was certainly not sent (Twilio refused it, or it was never handed over). */
public record RecordSmsSendFailed(
        @TargetAggregateIdentifier String caseId, String messageId, String errorCode, String errorMessage) {}
