package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The applicant signed the debt letter; no more reminders. */
@Revision("1")
public record DebtLetterSigned(String caseId) {}
