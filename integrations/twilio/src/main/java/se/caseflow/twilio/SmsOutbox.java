package se.caseflow.twilio;

import java.time.Instant;
import java.util.List;

/** Local mode's record of what would have been sent (and was NOT sent). */
public interface SmsOutbox {

    /** The latest entries, newest first. */
    List<Entry> latest(int limit);

    /** True when SMS really go to Twilio, so the outbox stays empty. */
    boolean twilioConfigured();

    record Entry(String messageId, String caseId, String toMask, String body, Instant createdAt) {}
}
