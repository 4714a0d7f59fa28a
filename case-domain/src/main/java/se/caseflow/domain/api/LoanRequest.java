package se.caseflow.domain.api;

/** The loan asked for: a whole number of kronor, a term in months and a purpose. */
public record LoanRequest(long amountSek, int termMonths, LoanPurpose purpose) {}
