package se.caseflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;

/**
 * The check behind the sign-in form and HTTP Basic: every attempt for an unknown user name costs the same one bcrypt
 * check as a known one, and too many failures for a name or from an address are refused, with how long to wait.
 */
class SignInCheckTest {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("right");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final SecurityProperties properties = new SecurityProperties(
            List.of(new SecurityProperties.User("anna", HASH, List.of(Role.STAFF), null)),
            List.of(),
            Duration.ofMinutes(5),
            5,
            new SecurityProperties.SignInLimits(3, 5, Duration.ofMinutes(15)));
    private final ReactiveAuthenticationManager check = SignInCheck.of(
            UserAccounts.from(properties),
            UserAccounts.bcryptCost(properties),
            counting(PasswordEncoderFactories.createDelegatingPasswordEncoder()),
            new SignInLimits(properties.signInLimits(), clock));

    @Test
    void knownAndUnknownUserNamesEachCostOneBcryptCheck() {
        assertThat(UserAccounts.bcryptCost(properties)).isEqualTo(4);

        assertThat(attempt("anna", "right", "192.0.2.1").block().isAuthenticated())
                .isTrue();
        assertThat(bcryptChecks).hasValue(1);
        assertThatThrownBy(() -> attempt("anna", "wrong", "192.0.2.1").block())
                .isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptChecks).hasValue(2);
        assertThatThrownBy(() -> attempt("nobody", "wrong", "192.0.2.1").block())
                .isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void aUserNameWithTooManyFailuresWaitsForTheWindowEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            String address = "192.0.2." + i;
            assertThatThrownBy(() -> attempt("anna", "wrong", address).block())
                    .isInstanceOf(BadCredentialsException.class);
        }
        clock.advance(Duration.ofMinutes(5));
        int checked = bcryptChecks.get();
        assertThatThrownBy(() -> attempt("anna", "right", "198.51.100.7").block())
                .isInstanceOfSatisfying(
                        SignInLimitedException.class,
                        limited -> assertThat(limited.retryAfterSeconds())
                                .isEqualTo(Duration.ofMinutes(10).toSeconds()))
                .hasMessage("Too many failed sign-ins for this user name or from this address");
        assertThat(bcryptChecks).as("no password checked while refused").hasValue(checked);

        clock.advance(Duration.ofMinutes(10));
        assertThat(attempt("anna", "right", "198.51.100.7").block().isAuthenticated())
                .isTrue();
    }

    @Test
    void anAddressWithTooManyFailuresWaitsWhateverTheName() {
        for (int i = 0; i < 5; i++) {
            String name = "guess" + i;
            assertThatThrownBy(() -> attempt(name, "wrong", "203.0.113.9").block())
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> attempt("anna", "right", "203.0.113.9").block())
                .isInstanceOf(SignInLimitedException.class);
        assertThat(attempt("anna", "right", "203.0.113.10").block().isAuthenticated())
                .as("another address")
                .isTrue();
    }

    @Test
    void signingInClearsTheNamesFailures() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> attempt("anna", "wrong", "192.0.2.1").block())
                    .isInstanceOf(BadCredentialsException.class);
        }
        attempt("anna", "right", "192.0.2.1").block();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> attempt("anna", "wrong", "192.0.2.2").block())
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(attempt("anna", "right", "192.0.2.3").block().isAuthenticated())
                .isTrue();
    }

    private Mono<Authentication> attempt(String user, String password, String address) {
        return check.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password))
                .contextWrite(context -> context.put(SignInCheck.CLIENT_ADDRESS, address));
    }

    /** The real encoder, counting the bcrypt hashes it checks. */
    private PasswordEncoder counting(PasswordEncoder real) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return real.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                if (encoded.startsWith("{bcrypt}")) {
                    bcryptChecks.incrementAndGet();
                }
                return real.matches(raw, encoded);
            }
        };
    }
}
