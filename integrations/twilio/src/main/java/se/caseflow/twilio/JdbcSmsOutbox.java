package se.caseflow.twilio;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.personal.Masks;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.sms.SmsGateway;
import se.caseflow.domain.sms.SmsGateway.OutgoingSms;
import se.caseflow.domain.sms.SmsGateway.SendResult;

/**
 * Local mode: instead of sending, each SMS is written to {@code sms_outbox} (recipient as mask only, made
 * here from the token as the sender would open it) and reported as sent with the id {@code local-<messageId>} and the status {@code local-outbox}.
 */
final class JdbcSmsOutbox implements SmsOutbox {

    static final String LOCAL_STATUS = "local-outbox";

    private static final Logger log = LoggerFactory.getLogger(JdbcSmsOutbox.class);

    private final JdbcTemplate jdbc;
    private final PersonalDataUnwrapper unwrapper;
    private final Clock clock;
    private final boolean twilioConfigured;

    JdbcSmsOutbox(JdbcTemplate jdbc, PersonalDataUnwrapper unwrapper, Clock clock, boolean twilioConfigured) {
        this.jdbc = jdbc;
        this.unwrapper = unwrapper;
        this.clock = clock;
        this.twilioConfigured = twilioConfigured;
    }

    /** The local mode's {@link SmsGateway#send}. */
    SendResult send(OutgoingSms sms) {
        String purpose = "local outbox SMS " + sms.messageId();
        Unwrapped to = unwrapper.unwrap(sms.to(), TrustedCaller.SMS_SENDER, purpose);
        Unwrapped text = unwrapper.unwrap(sms.text(), TrustedCaller.SMS_SENDER, purpose);
        if (!(to instanceof Unwrapped.Revealed revealed) || !(text instanceof Unwrapped.Revealed body)) {
            return new SendResult.Rejected("erased", "The recipient's personal data has been erased");
        }
        String toMask = Masks.phone(revealed.plaintext());
        try {
            jdbc.update(
                    "INSERT INTO sms_outbox (message_id, case_id, to_mask, body, created_at) VALUES (?, ?, ?, ?, ?)",
                    sms.messageId(),
                    sms.caseId(),
                    toMask,
                    body.plaintext(),
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            // already in the outbox: the same answer again
        }
        log.info("Local mode: SMS {} of case {} put in the outbox, NOT sent", sms.messageId(), sms.caseId());
        return new SendResult.Sent("local-" + sms.messageId(), LOCAL_STATUS);
    }

    @Override
    public List<Entry> latest(int limit) {
        return jdbc.query(
                "SELECT message_id, case_id, to_mask, body, created_at FROM sms_outbox ORDER BY created_at DESC, message_id LIMIT ?",
                (row, n) -> new Entry(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getTimestamp(5).toInstant()),
                limit);
    }

    @Override
    public boolean twilioConfigured() {
        return twilioConfigured;
    }
}
