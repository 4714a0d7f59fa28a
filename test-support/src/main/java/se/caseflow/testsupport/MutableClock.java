package se.caseflow.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so a test runs at any hour it names (00:30 in Stockholm, the
 * last second of a TTL) instead of the machine's. Copies made with {@link #withZone} share the one instant.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Stands at {@code instant}, in UTC. */
    public static MutableClock at(Instant instant) {
        return new MutableClock(new AtomicReference<>(instant), ZoneOffset.UTC);
    }

    /** Stands at the machine's present moment, in UTC. */
    public static MutableClock startingNow() {
        return at(Instant.now());
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
