package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * A case was opened. Personal data is present only as wrapped tokens. Revision 2 dropped the display masks
 * and blind indexes of revision 1 (see {@code EventRevisionUpcasters}).
 */
@Revision("2")
public record CaseOpened(
        String caseId, ProtectedApplicant applicant, ProtectedApplicant coApplicant, LoanRequest loan, Income income) {}
