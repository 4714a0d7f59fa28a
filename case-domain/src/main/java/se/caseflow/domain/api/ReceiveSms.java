package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An SMS from the applicant arrived (Twilio webhook). {@code from} is the sender's number as Twilio sent
 * it; the aggregate wraps it before it enters an event. {@code openCasesForSender} says how many open
 * cases have this number (the most recent one receives the message).
 */
public record ReceiveSms(
        @TargetAggregateIdentifier String caseId,
        String messageSid,
        String from,
        String body,
        int openCasesForSender) {}
