package se.caseflow.web.docstore;

import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionStore;

/**
 * The sign-in a socket was opened under, and whether it has ended: signed out, expired, or ended by a newer
 * sign-in of the same user. A socket opened with HTTP Basic has no such session and nothing to end; its
 * credentials were checked at the handshake.
 */
final class SignedInSession {

    static final SignedInSession NONE = new SignedInSession(null, null);

    private final WebSession session;
    private final InMemoryWebSessionStore store;

    private SignedInSession(WebSession session, InMemoryWebSessionStore store) {
        this.session = session;
        this.store = store;
    }

    /** The handshake's session where it was a stored one (the browser's sign-in), else {@link #NONE}. */
    static SignedInSession of(WebSession session, WebSessionStore store) {
        if (!session.isStarted()) {
            return NONE;
        }
        if (!(store instanceof InMemoryWebSessionStore sessions)) {
            throw new IllegalStateException("the doc-store follows sessions in Spring's in-memory session store,"
                    + " found " + store.getClass().getName());
        }
        return new SignedInSession(session, sessions);
    }

    /** Read without touching the session: a socket's traffic does not keep its sign-in alive. */
    boolean ended() {
        return session != null && (session.isExpired() || store.getSessions().get(session.getId()) != session);
    }
}
