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
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.publisher.Flux;

class RememberingBasicAuthenticationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicInteger hashChecks = new AtomicInteger();
    private final ReactiveAuthenticationManager remembering =
            new RememberingBasicAuthentication(counting(realBcryptManager()), Duration.ofMinutes(5), clock);

    private ReactiveAuthenticationManager realBcryptManager() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        MapReactiveUserDetailsService users = new MapReactiveUserDetailsService(User.withUsername("api")
                .password(bcrypt.encode("right"))
                .roles("STAFF")
                .build());
        UserDetailsRepositoryReactiveAuthenticationManager manager =
                new UserDetailsRepositoryReactiveAuthenticationManager(users);
        manager.setPasswordEncoder(bcrypt);
        return manager;
    }

    private ReactiveAuthenticationManager counting(ReactiveAuthenticationManager delegate) {
        return request -> {
            hashChecks.incrementAndGet();
            return delegate.authenticate(request);
        };
    }

    private static UsernamePasswordAuthenticationToken basic(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("api", password);
    }

    @Test
    void checksTheHashOnceWithinTheTtl() {
        assertThat(remembering.authenticate(basic("right")).block().isAuthenticated())
                .isTrue();
        assertThat(remembering.authenticate(basic("right")).block().isAuthenticated())
                .isTrue();

        assertThat(hashChecks).hasValue(1);
    }

    @Test
    void aBurstWithTheSameCredentialsSharesOneCheck() {
        List<Authentication> results = Flux.range(0, 50)
                .flatMap(i -> remembering.authenticate(basic("right")))
                .collectList()
                .block();

        assertThat(results).hasSize(50).allMatch(Authentication::isAuthenticated);
        assertThat(hashChecks).hasValue(1);
    }

    @Test
    void neverRemembersAWrongPassword() {
        remembering.authenticate(basic("right")).block();

        assertThatThrownBy(() -> remembering.authenticate(basic("wrong")).block())
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> remembering.authenticate(basic("wrong")).block())
                .isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(3);
    }

    @Test
    void checksAgainAfterTheTtl() {
        remembering.authenticate(basic("right")).block();
        clock.advance(Duration.ofMinutes(6));

        remembering.authenticate(basic("right")).block();

        assertThat(hashChecks).hasValue(2);
    }
}
