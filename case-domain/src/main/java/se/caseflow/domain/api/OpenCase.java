package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a loan application. The applicant data arrives in plaintext from the channel and is wrapped by
 * the secrets store inside the aggregate's handler, before any event is applied.
 */
public record OpenCase(
        @TargetAggregateIdentifier String caseId,
        ApplicantDetails applicant,
        ApplicantDetails coApplicant,
        LoanRequest loan,
        Income income) {}
