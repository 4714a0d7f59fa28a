package se.caseflow.projections.format;

import se.caseflow.domain.api.PartnerCaseSummary;

/** What partners are shown of a case (no personal data): the loan asked and banded facts, with displays. */
public record Summary(
        long amountSek,
        String amount,
        int termMonths,
        String purpose,
        String incomeBand,
        String incomeBandLabel,
        int riskClass) {

    public static Summary of(PartnerCaseSummary summary) {
        return new Summary(
                summary.amountSek(),
                SwedishFormat.kronor(summary.amountSek()),
                summary.termMonths(),
                summary.purpose().name(),
                summary.incomeBand().name(),
                SwedishFormat.incomeBand(summary.incomeBand()),
                summary.riskClass());
    }
}
