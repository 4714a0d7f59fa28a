package se.caseflow.web.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.json.Json;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.validation.MobilePhoneNumber;
import se.caseflow.secrets.SubjectShredder;

/**
 * Inbound SMS as Twilio delivered them, in the table {@code sms_inbox}, stored before the webhook answers 200
 * (Twilio never sends an inbound message again) and kept until routed to a case. Keyed by MessageSid. The sender
 * and the text are one token wrapped under a subject of the message's own (column {@code subject}), which the secrets
 * store knows holds the sender's number: erasing the person with that number shreds it, in the erasure's
 * transaction, and the inbox then drops the token. Once routed the token is dropped and the subject shredded (or, if
 * recorded as unmatched, kept: the record is wrapped under it), and the row keeps only the sid and times.
 * Blocking.
 */
final class SmsInbox {

    /** A message not yet routed, with the sender and text still wrapped. */
    record Pending(String messageSid, String subject, String message) {}

    /** The sender (E.164) and text of a message, unwrapped for routing. */
    record Message(String from, String body) {}

    private static final int MAX_ERROR_LENGTH = 500;
    /** The fixed reason of a message erased before it was routed. */
    static final String ERASED = "erased before routing (its sender's person was erased)";

    private static final String ERASED_BUT_HELD = "message IS NOT NULL"
            + " AND EXISTS (SELECT 1 FROM secrets_subject_tombstone t WHERE t.subject = sms_inbox.subject)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final PersonalDataVault vault;
    private final PersonalDataUnwrapper unwrapper;
    private final SubjectShredder shredder;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();

    SmsInbox(
            JdbcTemplate jdbc,
            PersonalDataVault vault,
            PersonalDataUnwrapper unwrapper,
            SubjectShredder shredder,
            Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.unwrapper = unwrapper;
        this.shredder = shredder;
        this.clock = clock;
    }

    /**
     * Stores the message unless its sid is there already.
     *
     * @return true if stored now, false if it had been stored before (nothing new is written)
     * @throws org.springframework.dao.DataAccessException when the database cannot store it
     */
    boolean store(String messageSid, String fromE164, String body) {
        return store(messageSid, fromE164, body, clock.instant());
    }

    /** {@link #store(String, String, String)} of a message that arrived earlier (it waited in the spool). */
    boolean store(String messageSid, String fromE164, String body, Instant receivedAt) {
        if (isStored(messageSid)) {
            return false;
        }
        String subject = "s_" + HexFormat.of().formatHex(randomBytes());
        String token = vault.wrap(
                subject,
                PersonalDataKind.INBOUND_SMS,
                json.createObjectNode().put("from", fromE164).put("body", body).toString());
        try {
            // an erasure of a person who has this number shreds the message's subject too, while it waits
            shredder.holdsPhoneNumber(subject, MobilePhoneNumber.normaliseE164(fromE164));
            jdbc.update(
                    "INSERT INTO sms_inbox (message_sid, subject, message, received_at, attempts) VALUES (?, ?, ?, ?, 0)",
                    messageSid,
                    subject,
                    token,
                    Timestamp.from(receivedAt));
            return true;
        } catch (DuplicateKeyException racedByTheSameMessage) {
            shredder.shred(subject);
            return false;
        } catch (DataAccessException e) {
            try {
                shredder.shred(subject);
            } catch (DataAccessException stillDown) {
                e.addSuppressed(stillDown);
            }
            throw e;
        }
    }

    boolean isStored(String messageSid) {
        return !jdbc.queryForList("SELECT 1 FROM sms_inbox WHERE message_sid = ?", Integer.class, messageSid)
                .isEmpty();
    }

    /** The oldest messages not yet routed nor refused. */
    List<Pending> pending(int limit) {
        return jdbc.query(
                "SELECT message_sid, subject, message FROM sms_inbox WHERE routed_at IS NULL AND refused_at IS NULL"
                        + " ORDER BY received_at LIMIT ?",
                (row, n) -> new Pending(row.getString(1), row.getString(2), row.getString(3)),
                limit);
    }

    /** The message if it is stored and waits to be routed. */
    Optional<Pending> pending(String messageSid) {
        return jdbc
                .query(
                        "SELECT message_sid, subject, message FROM sms_inbox WHERE message_sid = ? AND routed_at IS NULL"
                                + " AND refused_at IS NULL",
                        (row, n) -> new Pending(row.getString(1), row.getString(2), row.getString(3)),
                        messageSid)
                .stream()
                .findFirst();
    }

    /** The sender and text; empty when the message was erased while it waited (its sender's person erased). */
    Optional<Message> open(Pending pending) {
        Unwrapped unwrapped =
                unwrapper.unwrap(pending.message(), TrustedCaller.SMS_INBOX, "route an inbound SMS to its case");
        if (!(unwrapped instanceof Unwrapped.Revealed revealed)) {
            return Optional.empty();
        }
        try {
            JsonNode message = json.readTree(revealed.plaintext());
            return Optional.of(new Message(
                    message.get("from").asText(), message.get("body").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Inbound SMS " + pending.messageSid() + " is not readable", e);
        }
    }

    /**
     * Recorded on its case (or as unmatched): the sender and text leave the inbox. The message's subject is shredded
     * unless it holds the record (unmatched, wrapped under it again).
     */
    void routed(Pending pending, boolean subjectHoldsTheRecord) {
        jdbc.update(
                "UPDATE sms_inbox SET message = NULL, routed_at = ?, attempts = attempts + 1, last_error = NULL"
                        + " WHERE message_sid = ?",
                Timestamp.from(clock.instant()),
                pending.messageSid());
        if (!subjectHoldsTheRecord) {
            shredder.shred(pending.subject());
        }
    }

    /**
     * Drops the tokens of the messages whose subject was shredded while they waited (or after they were refused): an
     * erasure of the person with the sender's number reached them. Each keeps its sid and times, marked refused with
     * {@value #ERASED}, so that a second delivery of the sid stores nothing.
     *
     * @return how many messages were dropped
     */
    int dropErased() {
        return jdbc.update(
                "UPDATE sms_inbox SET message = NULL, refused_at = COALESCE(refused_at, ?), last_error = ?" + " WHERE "
                        + ERASED_BUT_HELD,
                Timestamp.from(clock.instant()),
                ERASED);
    }

    /** How many messages an erasure reached whose tokens the inbox still holds ({@link #dropErased} drops them). */
    int erasedStillHeld() {
        return jdbc.queryForObject("SELECT count(*) FROM sms_inbox WHERE " + ERASED_BUT_HELD, Integer.class);
    }

    /** Not routed this time (an outage): tried again later. */
    void failed(Pending pending, String error) {
        jdbc.update(
                "UPDATE sms_inbox SET attempts = attempts + 1, last_error = ? WHERE message_sid = ?",
                truncated(error),
                pending.messageSid());
    }

    /** Refused by the gate or the case for good: kept, with the reason, for a person to look at. */
    void refused(Pending pending, String reason) {
        jdbc.update(
                "UPDATE sms_inbox SET refused_at = ?, attempts = attempts + 1, last_error = ? WHERE message_sid = ?",
                Timestamp.from(clock.instant()),
                truncated(reason),
                pending.messageSid());
    }

    private static String truncated(String text) {
        String value = String.valueOf(text);
        return value.length() <= MAX_ERROR_LENGTH ? value : value.substring(0, MAX_ERROR_LENGTH);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
