package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * Staff (or a saga) asked for an SMS to the applicant: the final text, its length as the network counts
 * it, when to send it (null: now), and the recipient as a wrapped token. Revision 2 dropped the recipient's
 * mask and wraps the text under the applicant's subject key (see {@code EventRevisionUpcasters}).
 */
@Revision("2")
public record SmsRequested(
        String caseId,
        String messageId,
        SmsTemplate templateId,
        ProtectedValue text,
        SmsEncoding encoding,
        int length,
        int segments,
        String sendAt,
        ProtectedValue to) {}
