package se.caseflow.web.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for a user name or from an address: refused without checking the password. */
final class SignInLimitedException extends AuthenticationException {

    private final long retryAfterSeconds;

    SignInLimitedException(Duration retryAfter) {
        super("Too many failed sign-ins for this user name or from this address");
        // whole seconds, rounded up: Retry-After has no fractions, and 0 would invite an immediate retry
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The sentence people and API clients see. */
    String sentence() {
        return getMessage() + ": try again in " + retryAfterSeconds + " seconds.";
    }
}
