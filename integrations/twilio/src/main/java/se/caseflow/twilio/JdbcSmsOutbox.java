package se.caseflow.twilio;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
 * Local mode: instead of sending, each SMS is written to {@code sms_outbox} and reported as sent with the id
 * {@code local-<messageId>} and the status {@code local-outbox}. The row keeps the recipient and the text as the
 * tokens they came in (wrapped under the case's subject), so erasing the person erases them too: they are opened
 * (audited) only to be shown, the recipient as a mask, and an erased person's rows read as erased.
 */
final class JdbcSmsOutbox implements SmsOutbox {

    static final String LOCAL_STATUS = "local-outbox";
    /** What an erased person's recipient and text read as. */
    static final String ERASED = "(erased)";

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
        if (open(sms.to(), purpose).isEmpty() || open(sms.text(), purpose).isEmpty()) {
            return new SendResult.Rejected("erased", "The recipient's personal data has been erased");
        }
        try {
            jdbc.update(
                    "INSERT INTO sms_outbox (message_id, case_id, to_token, text_token, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    sms.messageId(),
                    sms.caseId(),
                    sms.to(),
                    sms.text(),
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
                "SELECT message_id, case_id, to_token, text_token, created_at FROM sms_outbox"
                        + " ORDER BY created_at DESC, message_id LIMIT ?",
                (row, n) -> {
                    String purpose = "local outbox page, SMS " + row.getString(1);
                    return new Entry(
                            row.getString(1),
                            row.getString(2),
                            open(row.getString(3), purpose).map(Masks::phone).orElse(ERASED),
                            open(row.getString(4), purpose).orElse(ERASED),
                            row.getTimestamp(5).toInstant());
                },
                limit);
    }

    private Optional<String> open(String token, String purpose) {
        return unwrapper.unwrap(token, TrustedCaller.SMS_SENDER, purpose) instanceof Unwrapped.Revealed revealed
                ? Optional.of(revealed.plaintext())
                : Optional.empty();
    }

    @Override
    public boolean twilioConfigured() {
        return twilioConfigured;
    }
}
