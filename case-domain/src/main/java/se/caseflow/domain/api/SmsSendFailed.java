package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The message was certainly not sent. */
@Revision("1")
public record SmsSendFailed(String caseId, String messageId, String errorCode, String errorMessage) {}
