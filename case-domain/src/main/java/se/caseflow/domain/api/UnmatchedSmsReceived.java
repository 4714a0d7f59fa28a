package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * An SMS from a number that no open case has. {@code caseId} is the id of this record (see
 * {@link RecordUnmatchedSms#idFor}); the sender is kept only as a mask and a blind index.
 */
@Revision("1")
public record UnmatchedSmsReceived(String caseId, String messageSid, String fromMask, String fromIndex, String body) {}
