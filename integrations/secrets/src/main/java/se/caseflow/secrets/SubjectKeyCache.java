package se.caseflow.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded, least-recently-used cache of decrypted subject keys, each kept for at most the time to live. */
final class SubjectKeyCache {

    private record Entry(SubjectKeys.SubjectKey key, Instant expiresAt) {}

    private final int maxSize;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Entry> entries;
    private long invalidations;

    SubjectKeyCache(int maxSize, Duration timeToLive, Clock clock) {
        this.maxSize = maxSize;
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SubjectKeyCache.this.maxSize;
            }
        };
    }

    synchronized SubjectKeys.SubjectKey get(String subject) {
        Entry entry = entries.get(subject);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(subject);
            return null;
        }
        return entry.key();
    }

    /** Taken before reading a key from the database; see {@link #put}. */
    synchronized long stamp() {
        return invalidations;
    }

    /**
     * Caches a key read after {@code stamp} was taken, unless some key was invalidated since: the read may have seen
     * a key that a concurrent shred was deleting.
     */
    synchronized void put(String subject, SubjectKeys.SubjectKey key, long stamp) {
        if (stamp == invalidations && maxSize > 0 && !timeToLive.isZero() && !timeToLive.isNegative()) {
            entries.put(subject, new Entry(key, clock.instant().plus(timeToLive)));
        }
    }

    synchronized void invalidate(String subject) {
        invalidations++;
        entries.remove(subject);
    }

    synchronized int size() {
        return entries.size();
    }
}
