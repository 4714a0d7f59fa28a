package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The message is being handed to Twilio; written before the call, so it is never handed over twice. */
@Revision("1")
public record SmsSendStarted(String caseId, String messageId) {}
