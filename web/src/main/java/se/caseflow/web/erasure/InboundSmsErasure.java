package se.caseflow.web.erasure;

/**
 * What an erasure does to inbound SMS not yet routed (implemented by the SMS inbox, used by the ops erasure). Each
 * message waits in the inbox under a subject of its own that the secrets store knows holds the sender's number, so
 * the shred of a person with that number shreds it too, in the erasure's transaction; the inbox then drops its token
 * ({@link #dropErased}, also done by every inbox round). A message in this node's spool is moved into the inbox
 * before the shred, so the shred reaches it too; another node's spool is moved by that node's round once it reaches
 * the database (docs/privacy.md, docs/adr/0044). Blocking.
 */
public interface InboundSmsErasure {

    /**
     * Before the shred: moves this node's spooled messages into the inbox.
     *
     * @return how many messages still wait in this node's spool (the inbox could not store them)
     */
    int beforeShred();

    /** After the shred: drops the tokens of the waiting messages it reached; returns how many. */
    int dropErased();

    /** How many messages a shred reached whose tokens the inbox still holds. */
    int erasedStillHeld();
}
