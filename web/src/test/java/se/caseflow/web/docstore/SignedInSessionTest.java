package se.caseflow.web.docstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.InMemoryWebSessionStore;

/** When the sign-in behind a socket has ended, read from Spring's own session store. */
class SignedInSessionTest {

    private final InMemoryWebSessionStore store = new InMemoryWebSessionStore();
    private final Instant start = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aSessionEndsWhenItExpiresAndSocketTrafficDoesNotKeepItAlive() {
        store.setClock(Clock.fixed(start, ZoneOffset.UTC));
        WebSession session = stored();
        SignedInSession signedIn = SignedInSession.of(session, store);
        store.setClock(Clock.fixed(start.plus(Duration.ofMinutes(29)), ZoneOffset.UTC));
        assertThat(signedIn.ended()).isFalse();
        assertThat(signedIn.ended()).as("asking twice is no access").isFalse();

        store.setClock(Clock.fixed(start.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
        assertThat(signedIn.ended()).isTrue();
    }

    @Test
    void aSessionEndsWhenInvalidatedOrRemoved() {
        WebSession signedOut = stored();
        SignedInSession first = SignedInSession.of(signedOut, store);
        signedOut.invalidate().block();
        assertThat(first.ended()).isTrue();

        WebSession evicted = stored();
        SignedInSession second = SignedInSession.of(evicted, store);
        store.removeSession(evicted.getId()).block();
        assertThat(second.ended()).isTrue();
    }

    @Test
    void aHandshakeWithoutAStoredSessionFollowsNone() {
        WebSession unsaved = store.createWebSession().block();
        assertThat(SignedInSession.of(unsaved, store).ended()).isFalse();
    }

    private WebSession stored() {
        WebSession session = store.createWebSession().block();
        session.getAttributes().put("signed-in", true);
        session.save().block();
        return session;
    }
}
