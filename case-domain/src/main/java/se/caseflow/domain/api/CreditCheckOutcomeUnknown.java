package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** Whether UC took the reserved report is unknown; the case waits for a person (status credit-check-unknown). */
@Revision("1")
public record CreditCheckOutcomeUnknown(String caseId, Party party, String reason) {}
