package se.caseflow.domain.api;

/** What the applicant wants the money for. */
public enum LoanPurpose {
    CONSOLIDATION,
    CAR,
    HOME_IMPROVEMENT,
    CONSUMPTION,
    OTHER
}
