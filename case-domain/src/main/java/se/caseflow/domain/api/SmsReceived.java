package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * The applicant sent an SMS. The sender is wrapped under the applicant's subject key. {@code
 * openCasesForSender} above 1 means the number has several open cases and this, the most recent, was chosen.
 * Revision 2 dropped the sender's mask and blind index and wraps the body under the applicant's subject key
 * (see {@code EventRevisionUpcasters}).
 */
@Revision("2")
public record SmsReceived(
        String caseId, String messageSid, ProtectedValue from, ProtectedValue body, int openCasesForSender) {}
