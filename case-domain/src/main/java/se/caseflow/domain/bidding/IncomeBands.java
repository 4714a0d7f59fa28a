package se.caseflow.domain.bidding;

import se.caseflow.domain.api.IncomeBand;

/** The band partners see instead of a monthly gross income. */
public final class IncomeBands {

    private IncomeBands() {}

    public static IncomeBand of(long monthlyGrossSek) {
        if (monthlyGrossSek < 20_000) {
            return IncomeBand.UNDER_20000;
        }
        if (monthlyGrossSek < 30_000) {
            return IncomeBand.FROM_20000_TO_29999;
        }
        if (monthlyGrossSek < 45_000) {
            return IncomeBand.FROM_30000_TO_44999;
        }
        if (monthlyGrossSek < 60_000) {
            return IncomeBand.FROM_45000_TO_59999;
        }
        return IncomeBand.FROM_60000;
    }
}
