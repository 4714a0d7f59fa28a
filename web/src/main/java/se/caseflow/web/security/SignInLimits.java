package se.caseflow.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per user name and per client address in fixed windows: once either reaches its limit,
 * further attempts for that name or from that address are refused until the window ends, right or wrong password
 * alike, so guessing costs time. A successful sign-in clears its user name's count (not the address's). Kept in
 * the node's memory: each node counts on its own.
 */
final class SignInLimits {

    /** More keys than this (a spray of names or addresses): forget the ended windows, and if that is not enough, all. */
    private static final int MAX_KEYS = 100_000;

    private final SecurityProperties.SignInLimits settings;
    private final Clock clock;
    private final Map<String, Window> byUser = new ConcurrentHashMap<>();
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    private record Window(Instant ends, int failures) {}

    SignInLimits(SecurityProperties.SignInLimits settings, Clock clock) {
        if (settings.failuresPerUser() < 1
                || settings.failuresPerAddress() < 1
                || settings.window().isNegative()
                || settings.window().isZero()) {
            throw new IllegalStateException("caseflow.security.sign-in-limits: failures-per-user and"
                    + " failures-per-address must be at least 1 and window positive, not " + settings);
        }
        this.settings = settings;
        this.clock = clock;
    }

    /** How long this user name or address must wait before trying again, if it must. */
    Optional<Duration> refusal(String user, String address) {
        Instant now = clock.instant();
        return longer(
                wait(byUser.get(user), settings.failuresPerUser(), now),
                wait(byAddress.get(address), settings.failuresPerAddress(), now));
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        count(byUser, user, now);
        count(byAddress, address, now);
    }

    void succeeded(String user) {
        byUser.remove(user);
    }

    private void count(Map<String, Window> windows, String key, Instant now) {
        if (windows.size() >= MAX_KEYS) {
            windows.values().removeIf(window -> !now.isBefore(window.ends()));
            if (windows.size() >= MAX_KEYS) {
                windows.clear();
            }
        }
        windows.compute(
                key,
                (k, window) -> window == null || !now.isBefore(window.ends())
                        ? new Window(now.plus(settings.window()), 1)
                        : new Window(window.ends(), window.failures() + 1));
    }

    private static Optional<Duration> wait(Window window, int limit, Instant now) {
        if (window == null || window.failures() < limit || !now.isBefore(window.ends())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.ends()));
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }
}
