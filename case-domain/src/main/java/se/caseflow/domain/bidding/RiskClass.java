package se.caseflow.domain.bidding;

import java.math.BigDecimal;

/**
 * UC's risk scale as caseflow reads it: 1 is the highest risk, 5 the lowest. The mapping from a report's risk
 * percentage is ours (docs/adr/0018): 5 below 0.5 %, 4 below 2 %, 3 below 5 %, 2 below 15 %, else 1.
 */
public final class RiskClass {

    public static final int HIGHEST_RISK = 1;
    public static final int LOWEST_RISK = 5;

    private static final BigDecimal[] UPPER_BOUNDS = {
        new BigDecimal("15"), new BigDecimal("5"), new BigDecimal("2"), new BigDecimal("0.5")
    };

    private RiskClass() {}

    /** The class of a risk percentage ({@code 12.5} is 12,5 %). */
    public static int of(BigDecimal riskPercent) {
        int riskClass = HIGHEST_RISK;
        for (BigDecimal bound : UPPER_BOUNDS) {
            if (riskPercent.compareTo(bound) >= 0) {
                return riskClass;
            }
            riskClass++;
        }
        return riskClass;
    }

    public static boolean isValid(int riskClass) {
        return riskClass >= HIGHEST_RISK && riskClass <= LOWEST_RISK;
    }
}
