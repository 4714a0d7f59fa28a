package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A delivery notification from Twilio for one of the case's messages. */
public record RecordSmsStatus(
        @TargetAggregateIdentifier String caseId,
        String messageId,
        String messageSid,
        SmsDeliveryStatus status,
        String errorCode) {}
