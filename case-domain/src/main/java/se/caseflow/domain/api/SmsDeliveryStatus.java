package se.caseflow.domain.api;

/**
 * Twilio's message statuses, ranked: a message moves only to a higher rank, never out of a final one.
 * {@code read} follows {@code delivered}; {@code undelivered}, {@code failed} and {@code canceled} end it.
 */
public enum SmsDeliveryStatus {
    ACCEPTED(0, false),
    SCHEDULED(0, false),
    QUEUED(1, false),
    SENDING(2, false),
    SENT(3, false),
    PARTIALLY_DELIVERED(3, false),
    DELIVERED(4, false),
    UNDELIVERED(4, true),
    FAILED(4, true),
    CANCELED(4, true),
    READ(5, true);

    private final int rank;
    private final boolean terminal;

    SmsDeliveryStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** Twilio's spelling: {@code partially_delivered}. */
    public String twilioName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SmsDeliveryStatus fromTwilio(String status) {
        for (SmsDeliveryStatus candidate : values()) {
            if (candidate.twilioName().equals(status)) {
                return candidate;
            }
        }
        return null;
    }

    /** Where a message in {@code current} (null: none reported yet) goes when {@code reported} arrives. */
    public static SmsDeliveryStatus next(SmsDeliveryStatus current, SmsDeliveryStatus reported) {
        if (current == null) {
            return reported;
        }
        if (current.terminal || reported.rank <= current.rank) {
            return current;
        }
        return reported;
    }
}
