package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The follow-up's date has come (its deadline fired, once). */
@Revision("1")
public record FollowUpDue(String caseId, String followUpId, String date, String note) {}
