package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The send was started but its outcome is unknown; a person must decide. Never resent by itself. */
@Revision("1")
public record SmsOutcomeUnknown(String caseId, String messageId, String reason) {}
