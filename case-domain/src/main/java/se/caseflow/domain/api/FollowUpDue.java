package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The follow-up's date has come (its deadline fired, once). Revision 2: the note is wrapped. */
@Revision("2")
public record FollowUpDue(String caseId, String followUpId, String date, ProtectedValue note) {}
