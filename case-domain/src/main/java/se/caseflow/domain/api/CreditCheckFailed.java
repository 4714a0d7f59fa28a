package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The reserved credit check ended without a usable report (refused by UC, unreadable reply, ...). */
@Revision("1")
public record CreditCheckFailed(String caseId, Party party, String reason) {}
