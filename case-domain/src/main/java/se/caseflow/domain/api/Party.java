package se.caseflow.domain.api;

/** Who on a case a check is about: the applicant or the co-applicant. */
public enum Party {
    APPLICANT,
    CO_APPLICANT
}
