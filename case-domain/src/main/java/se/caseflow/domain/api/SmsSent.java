package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** Twilio accepted the message: its MessageSid and the status Twilio answered with. */
@Revision("1")
public record SmsSent(String caseId, String messageId, String messageSid, String status) {}
