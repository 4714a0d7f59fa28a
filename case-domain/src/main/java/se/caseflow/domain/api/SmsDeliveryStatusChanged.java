package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * Twilio reported {@code reported} for a message; {@code state} is where the message stands after it
 * (only forward by rank, never out of a final state, so a late or repeated report leaves it unchanged).
 */
@Revision("1")
public record SmsDeliveryStatusChanged(
        String caseId,
        String messageId,
        String messageSid,
        SmsDeliveryStatus reported,
        String errorCode,
        SmsDeliveryStatus state) {}
