package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * A follow-up was scheduled: due at {@code dueAt} (ISO instant), the start of {@code date} in Stockholm.
 * Revision 2: the note (null: none) is wrapped under the applicant's subject key.
 */
@Revision("2")
public record FollowUpScheduled(String caseId, String followUpId, String date, String dueAt, ProtectedValue note) {}
