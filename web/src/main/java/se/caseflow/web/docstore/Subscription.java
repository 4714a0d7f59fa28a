package se.caseflow.web.docstore;

import java.util.concurrent.atomic.AtomicBoolean;

/** One socket's subscription to one key. Feed positions are guarded by the session's lock. */
final class Subscription {

    final DocSession session;
    final DocKey key;
    /** For feeds: the entry id the client asked to resume after ({@code null}: from the start). */
    final String after;

    private final AtomicBoolean active = new AtomicBoolean(true);
    volatile Topic topic;
    /** For feeds: the last entry id put in the session's queue. */
    String lastQueued;
    /** For feeds: the last entry id handed to the socket. */
    String lastDelivered;

    Subscription(DocSession session, DocKey key, String after) {
        this.session = session;
        this.key = key;
        this.after = after;
        this.lastQueued = after;
        this.lastDelivered = after;
    }

    boolean active() {
        return active.get();
    }

    /** {@code true} only for the first caller. */
    boolean deactivate() {
        return active.compareAndSet(true, false);
    }
}
