package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** A case was opened. Personal data is present only as wrapped tokens with display masks. */
@Revision("1")
public record CaseOpened(
        String caseId, ProtectedApplicant applicant, ProtectedApplicant coApplicant, LoanRequest loan, Income income) {}
