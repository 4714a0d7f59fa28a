package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sends an SMS to the case's applicant: a {@link SmsTemplate} or free text (exactly one), now or at
 * {@code sendAt} (ISO-8601 instant; absent: now). {@code messageId} is chosen by the caller and names
 * the message from then on; the same id twice is refused.
 */
public record SendSms(
        @TargetAggregateIdentifier String caseId,
        String messageId,
        SmsTemplate templateId,
        String text,
        String sendAt) {}
