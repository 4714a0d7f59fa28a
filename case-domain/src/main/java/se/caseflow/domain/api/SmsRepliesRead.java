package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** Staff read the applicant's unread SMS replies ({@code replies} of them). */
@Revision("1")
public record SmsRepliesRead(String caseId, int replies) {}
