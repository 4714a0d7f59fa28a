package se.caseflow.web.sms;

/**
 * What an erasure does to inbound SMS not yet routed. Each message waits in the {@link SmsInbox} under a subject of
 * its own that the secrets store knows holds the sender's number, so the shred of a person with that number shreds
 * it too, in the erasure's transaction; the inbox then drops its token ({@link #dropErased}, also done by every
 * inbox round). A message in this node's {@link SmsSpool} is moved into the inbox before the shred, so the shred
 * reaches it too; another node's spool is moved by that node's round once it reaches the database (docs/privacy.md).
 * Blocking.
 */
public final class InboundSmsErasure {

    private final SmsSpoolDrainer drainer;
    private final SmsInbox inbox;

    InboundSmsErasure(SmsSpoolDrainer drainer, SmsInbox inbox) {
        this.drainer = drainer;
        this.inbox = inbox;
    }

    /**
     * Before the shred: moves this node's spooled messages into the inbox.
     *
     * @return how many messages still wait in this node's spool (the inbox could not store them)
     */
    public int beforeShred() {
        drainer.drain();
        return drainer.waiting();
    }

    /** After the shred: drops the tokens of the waiting messages it reached; returns how many. */
    public int dropErased() {
        return inbox.dropErased();
    }

    /** How many messages a shred reached whose tokens the inbox still holds. */
    public int erasedStillHeld() {
        return inbox.erasedStillHeld();
    }
}
