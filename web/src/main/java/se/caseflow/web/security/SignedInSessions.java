package se.caseflow.web.security;

import org.springframework.security.core.session.InMemoryReactiveSessionRegistry;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.authentication.ConcurrentSessionControlServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.InvalidateLeastUsedServerMaximumSessionsExceededHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.RegisterSessionServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.SessionLimit;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * A session exists only for a user who signed in with the form, and one user holds at most a few: signing in once
 * more ends the oldest. HTTP Basic (API clients) gets no session and is not counted.
 */
final class SignedInSessions {

    private SignedInSessions() {}

    /** After a form sign-in: end the user's oldest session beyond {@code max}, record this one, go on to the page. */
    static ServerAuthenticationSuccessHandler successHandler(
            int max, WebSessionManager sessions, ServerRequestCache requestedPage) {
        if (max < 1) {
            throw new IllegalStateException("caseflow.security.max-sessions-per-user must be at least 1, not " + max);
        }
        if (!(sessions instanceof DefaultWebSessionManager manager)) {
            throw new IllegalStateException("signed-in sessions need Spring's DefaultWebSessionManager, found "
                    + sessions.getClass().getName());
        }
        ReactiveSessionRegistry registry = new InMemoryReactiveSessionRegistry();
        ConcurrentSessionControlServerAuthenticationSuccessHandler limit =
                new ConcurrentSessionControlServerAuthenticationSuccessHandler(
                        registry,
                        new InvalidateLeastUsedServerMaximumSessionsExceededHandler(manager.getSessionStore()));
        limit.setSessionLimit(SessionLimit.of(max));
        RedirectServerAuthenticationSuccessHandler toPage = new RedirectServerAuthenticationSuccessHandler("/");
        toPage.setRequestCache(requestedPage);
        return new DelegatingServerAuthenticationSuccessHandler(
                limit, new RegisterSessionServerAuthenticationSuccessHandler(registry), toPage);
    }
}
