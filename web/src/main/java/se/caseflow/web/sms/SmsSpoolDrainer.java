package se.caseflow.web.sms;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the {@link SmsSpool}'s messages into the {@link SmsInbox} once it can store again, each with the time it
 * arrived; a file is deleted only after the inbox committed its message, and the inbox keeps a sid once, so a crash
 * in between, or another node draining the same directory, stores nothing twice. Run by the {@link SmsInboxRouter}'s
 * round (so at start-up too), before the round routes what waits in the inbox. Logs once when messages are found
 * waiting and once when the spool is empty again, not per message. Blocking.
 */
final class SmsSpoolDrainer {

    private static final Logger log = LoggerFactory.getLogger(SmsSpoolDrainer.class);

    private final SmsSpool spool;
    private final SmsInbox inbox;
    private boolean waiting;
    private int moved;

    SmsSpoolDrainer(SmsSpool spool, SmsInbox inbox) {
        this.spool = spool;
        this.inbox = inbox;
    }

    /** Moves what it can; stops at the first message the inbox cannot store, to try again next round. */
    synchronized void drain() {
        try {
            for (String sid : spool.messageSids()) {
                if (!waiting) {
                    waiting = true;
                    log.warn("Inbound SMS wait in the spool {} until the inbox can store them", spool.directory());
                }
                if (!moveIntoInbox(sid)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("The SMS spool {} cannot be read: {}", spool.directory(), e.toString());
            return;
        }
        if (waiting) {
            log.warn("The SMS spool {} is empty again: {} inbound SMS moved into the inbox", spool.directory(), moved);
            waiting = false;
            moved = 0;
        }
    }

    /** How many messages wait in the spool now. */
    int waiting() {
        return spool.spooled();
    }

    private boolean moveIntoInbox(String sid) throws IOException {
        SmsSpool.Spooled message;
        try {
            message = spool.read(sid);
        } catch (SmsSpool.UnreadableException e) {
            log.error("{}; set aside as {}.unreadable", e.getMessage(), sid);
            spool.setAside(sid);
            return true;
        }
        try {
            inbox.store(sid, message.from(), message.body(), message.receivedAt());
        } catch (RuntimeException stillAway) {
            log.debug("Spooled inbound SMS {} not moved into the inbox yet: {}", sid, stillAway.toString());
            return false;
        }
        spool.remove(sid);
        moved++;
        return true;
    }
}
