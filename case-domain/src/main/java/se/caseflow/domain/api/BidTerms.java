package se.caseflow.domain.api;

import java.math.BigDecimal;

/**
 * A partner's offer: the amount lent (whole kronor), nominal and effective annual interest in percent
 * ({@code 5.95} is 5,95 %), the term, the monthly cost in whole öre, and the last day (ISO date, Stockholm)
 * the offer holds.
 */
public record BidTerms(
        long amountSek,
        BigDecimal nominalRatePercent,
        BigDecimal effectiveRatePercent,
        int termMonths,
        long monthlyCostOre,
        String validUntil) {}
