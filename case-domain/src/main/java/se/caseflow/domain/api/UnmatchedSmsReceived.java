package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * An SMS from a number that no open case has. {@code caseId} is the id of this record (see
 * {@link RecordUnmatchedSms#idFor}); the sender (kind phone number) and the text (kind text) are wrapped under a
 * random subject of the message's own, since there is no person to wrap them under. Revision 2 dropped the
 * sender's mask and blind index and the plaintext body of revision 1 (see {@code EventRevisionUpcasters}); a
 * revision-1 event loads with neither sender nor text.
 */
@Revision("2")
public record UnmatchedSmsReceived(String caseId, String messageSid, ProtectedValue from, ProtectedValue body) {}
