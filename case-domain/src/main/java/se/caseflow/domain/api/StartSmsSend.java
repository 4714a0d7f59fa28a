package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The sender is about to hand the message to Twilio; recorded (and committed) before the call. */
public record StartSmsSend(@TargetAggregateIdentifier String caseId, String messageId) {}
