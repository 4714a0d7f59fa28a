package se.caseflow.web.bidding;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.RiskClass;

/**
 * {@code caseflow.bidding.*}: the bidding window, the debt-letter reminders and the partner lenders. Checked
 * when bound: a bad partner id, a range whose minimum exceeds its maximum, a risk class outside 1..5 or a
 * partner listed twice stops start-up.
 *
 * @param window how long invited partners may bid
 * @param minimumRiskClass the lowest UC risk class (1 highest risk .. 5 lowest) that opens bidding at all
 * @param debtLetterReminderAfter from the debt letter (or a reminder) to the next reminder
 * @param debtLetterReminders reminders at most
 * @param partners the partner lenders and what each takes
 */
@ConfigurationProperties("caseflow.bidding")
record BiddingProperties(
        @DefaultValue("PT24H") Duration window,
        @DefaultValue("2") int minimumRiskClass,
        @DefaultValue("P5D") Duration debtLetterReminderAfter,
        @DefaultValue("3") int debtLetterReminders,
        @DefaultValue List<Partner> partners) {

    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final long MAX_AMOUNT_SEK = 10_000_000;
    private static final int MAX_TERM_MONTHS = 360;

    BiddingProperties {
        partners = List.copyOf(partners);
        Set<String> ids = new HashSet<>();
        for (Partner partner : partners) {
            if (!ids.add(partner.id())) {
                throw new IllegalArgumentException("caseflow.bidding.partners lists " + partner.id() + " twice");
            }
        }
        new BiddingPolicy(window, minimumRiskClass, debtLetterReminderAfter, debtLetterReminders);
    }

    BiddingPolicy policy() {
        return new BiddingPolicy(window, minimumRiskClass, debtLetterReminderAfter, debtLetterReminders);
    }

    /** A partner lender: it is invited when the amount and term are in its ranges and the risk class at least its minimum. */
    record Partner(
            String id,
            String name,
            long minAmountSek,
            long maxAmountSek,
            int minTermMonths,
            int maxTermMonths,
            @DefaultValue("1") int minimumRiskClass) {

        Partner {
            if (id == null || !PARTNER_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "A partner id is 1 to 32 lower-case letters, digits and dashes, not " + id);
            }
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("Partner " + id + " needs a name of at most 100 characters");
            }
            if (minAmountSek < 1 || maxAmountSek > MAX_AMOUNT_SEK || minAmountSek > maxAmountSek) {
                throw new IllegalArgumentException("Partner " + id + ": the amount range " + minAmountSek + ".."
                        + maxAmountSek + " kr must lie within 1.." + MAX_AMOUNT_SEK + " with min <= max");
            }
            if (minTermMonths < 1 || maxTermMonths > MAX_TERM_MONTHS || minTermMonths > maxTermMonths) {
                throw new IllegalArgumentException("Partner " + id + ": the term range " + minTermMonths + ".."
                        + maxTermMonths + " months must lie within 1.." + MAX_TERM_MONTHS + " with min <= max");
            }
            if (!RiskClass.isValid(minimumRiskClass)) {
                throw new IllegalArgumentException(
                        "Partner " + id + ": the minimum risk class must be 1..5, not " + minimumRiskClass);
            }
        }
    }
}
