package se.caseflow.domain.api;

/** What partners see of a case: no personal data at all, only the loan asked and banded facts. */
public record PartnerCaseSummary(
        long amountSek, int termMonths, LoanPurpose purpose, IncomeBand incomeBand, int riskClass) {}
