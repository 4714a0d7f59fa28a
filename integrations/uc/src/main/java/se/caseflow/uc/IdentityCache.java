package se.caseflow.uc;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity-check results in Redis under {@code <prefix>uc-identity/<subject>}, with a TTL: keyed by the
 * secrets-store subject, never by plaintext or an HMAC of the personnummer, so erasing the subject finds and
 * deletes its entry ({@link UcConfiguration#identityCacheKey}); and the value holds only {@link IdentityFacts} (kind, register status code,
 * surname initial). A Redis failure is logged and the check goes to UC: the cache only saves calls.
 */
final class IdentityCache {

    private static final Logger log = LoggerFactory.getLogger(IdentityCache.class);

    private final StatefulRedisConnection<String, String> redis;
    private final String keyPrefix;
    private final Duration ttl;

    IdentityCache(StatefulRedisConnection<String, String> redis, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
    }

    Optional<IdentityFacts> get(String subject) {
        try {
            return Optional.ofNullable(redis.sync().get(key(subject))).map(IdentityCache::decode);
        } catch (RuntimeException e) {
            log.warn("Identity cache not read: {}", e.toString());
            return Optional.empty();
        }
    }

    void put(String subject, IdentityFacts facts) {
        if (ttl.isZero() || facts.kind() == IdentityFacts.Kind.REFUSED) {
            return;
        }
        try {
            redis.sync().set(key(subject), encode(facts), SetArgs.Builder.px(ttl.toMillis()));
        } catch (RuntimeException e) {
            log.warn("Identity cache not written: {}", e.toString());
        }
    }

    String key(String subject) {
        return UcConfiguration.identityCacheKey(keyPrefix, subject);
    }

    /** {@code FOUND|05|T}: three fields, none of which may hold a bar. */
    private static String encode(IdentityFacts facts) {
        return facts.kind() + "|" + nullToEmpty(facts.personStatus()) + "|" + nullToEmpty(facts.surnameInitial());
    }

    private static IdentityFacts decode(String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 3) {
            return null;
        }
        IdentityFacts.Kind kind = IdentityFacts.Kind.valueOf(parts[0]);
        return kind == IdentityFacts.Kind.NOT_FOUND
                ? IdentityFacts.notFound()
                : IdentityFacts.found(emptyToNull(parts[1]), emptyToNull(parts[2]));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value.replace("|", "");
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
