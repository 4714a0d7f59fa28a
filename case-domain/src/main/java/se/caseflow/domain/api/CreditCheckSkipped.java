package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** No credit report is taken for the party automatically (e.g. its trigger was too old). */
@Revision("1")
public record CreditCheckSkipped(String caseId, Party party, CreditCheckSkipReason reason, String detail) {}
