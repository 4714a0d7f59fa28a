package se.caseflow.web.sms;

import se.caseflow.web.erasure.InboundSmsErasure;

/** The SMS inbox's part of an erasure ({@link InboundSmsErasure}): the node's spool drainer and the inbox. */
final class SmsInboxErasure implements InboundSmsErasure {

    private final SmsSpoolDrainer drainer;
    private final SmsInbox inbox;

    SmsInboxErasure(SmsSpoolDrainer drainer, SmsInbox inbox) {
        this.drainer = drainer;
        this.inbox = inbox;
    }

    @Override
    public int beforeShred() {
        drainer.drain();
        return drainer.waiting();
    }

    @Override
    public int dropErased() {
        return inbox.dropErased();
    }

    @Override
    public int erasedStillHeld() {
        return inbox.erasedStillHeld();
    }
}
