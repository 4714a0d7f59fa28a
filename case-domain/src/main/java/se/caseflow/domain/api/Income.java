package se.caseflow.domain.api;

/** Monthly gross income in whole kronor and the kind of employment it comes from. */
public record Income(long monthlyGrossSek, EmploymentType employmentType) {}
