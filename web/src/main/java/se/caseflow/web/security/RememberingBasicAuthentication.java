package se.caseflow.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * HTTP Basic sends the password with every request, and checking a bcrypt hash costs tens of
 * milliseconds of CPU on purpose. This remembers, for a short while, which (user, password) pairs were
 * already verified, so an API client pays the hash once per {@code ttl} instead of per request, and
 * requests arriving together with the same credentials share one check. Only a salted SHA-256 of the
 * password is kept in memory, never the password.
 */
final class RememberingBasicAuthentication implements ReactiveAuthenticationManager {

    private static final int MAX_ENTRIES = 10_000;

    private final ReactiveAuthenticationManager delegate;
    private final Duration ttl;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private final Map<String, Mono<Authentication>> checking = new ConcurrentHashMap<>();

    private record Remembered(Authentication authentication, Instant until) {}

    RememberingBasicAuthentication(ReactiveAuthenticationManager delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        if (!(request.getCredentials() instanceof String password)) {
            return delegate.authenticate(request);
        }
        String key = request.getName() + "\u0000" + digest(password);
        Remembered remembered = verified.get(key);
        if (remembered != null && clock.instant().isBefore(remembered.until())) {
            return Mono.just(remembered.authentication());
        }
        // a burst of requests with the same new credentials (say, many sockets opening) shares one check
        return checking.computeIfAbsent(
                key,
                k -> delegate.authenticate(request)
                        .doOnNext(authentication -> remember(k, authentication))
                        .doOnTerminate(() -> checking.remove(k))
                        .cache());
    }

    private void remember(String key, Authentication authentication) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key, new Remembered(authentication, clock.instant().plus(ttl)));
    }

    private String digest(String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return HexFormat.of().formatHex(sha256.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
