package se.caseflow.domain.api;

/** Kinds of employment that lenders distinguish. */
public enum EmploymentType {
    PERMANENT,
    TEMPORARY,
    SELF_EMPLOYED,
    RETIRED,
    STUDENT,
    UNEMPLOYED
}
