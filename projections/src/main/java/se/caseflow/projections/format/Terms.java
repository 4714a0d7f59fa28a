package se.caseflow.projections.format;

import java.math.BigDecimal;
import se.caseflow.domain.api.BidTerms;

/** A bid's terms as read-side documents show them: each exact value next to its Swedish display. */
public record Terms(
        long amountSek,
        String amount,
        BigDecimal nominalRatePercent,
        String nominalRate,
        BigDecimal effectiveRatePercent,
        String effectiveRate,
        int termMonths,
        long monthlyCostOre,
        String monthlyCost,
        String validUntil) {

    public static Terms of(BidTerms terms) {
        return new Terms(
                terms.amountSek(),
                SwedishFormat.kronor(terms.amountSek()),
                terms.nominalRatePercent(),
                SwedishFormat.rate(terms.nominalRatePercent()),
                terms.effectiveRatePercent(),
                SwedishFormat.rate(terms.effectiveRatePercent()),
                terms.termMonths(),
                terms.monthlyCostOre(),
                SwedishFormat.ore(terms.monthlyCostOre()),
                terms.validUntil());
    }

    /** One line: {@code 150 000 kr at 5,95 % (effective 6,12 %), 60 months, 2 345,67 kr a month}. */
    public String line() {
        return amount + " at " + nominalRate + " (effective " + effectiveRate + "), " + termMonths + " months, "
                + monthlyCost + " a month, valid until " + validUntil;
    }
}
