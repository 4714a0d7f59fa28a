package se.caseflow.domain.bidding;

import java.time.Duration;
import java.util.Objects;

/**
 * The bidding and debt-letter settings the case rules use ({@code caseflow.bidding.*}).
 *
 * @param window how long invited partners may bid
 * @param minimumRiskClass the lowest UC risk class (1 highest risk .. 5 lowest) that opens bidding at all
 * @param reminderAfter time from the debt letter (or the previous reminder) to the next reminder
 * @param reminders how many reminders at most; 0 sends none
 */
public record BiddingPolicy(Duration window, int minimumRiskClass, Duration reminderAfter, int reminders) {

    public BiddingPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(reminderAfter, "reminderAfter");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The bidding window must be positive, not " + window);
        }
        if (!RiskClass.isValid(minimumRiskClass)) {
            throw new IllegalArgumentException("The minimum risk class must be 1..5, not " + minimumRiskClass);
        }
        if (reminderAfter.isNegative() || reminderAfter.isZero()) {
            throw new IllegalArgumentException("The debt-letter reminder delay must be positive, not " + reminderAfter);
        }
        if (reminders < 0 || reminders > 100) {
            throw new IllegalArgumentException("Debt-letter reminders must be 0..100, not " + reminders);
        }
    }
}
