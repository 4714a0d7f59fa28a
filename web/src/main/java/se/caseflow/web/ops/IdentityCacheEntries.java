package se.caseflow.web.ops;

import io.lettuce.core.api.StatefulRedisConnection;
import se.caseflow.uc.UcConfiguration;

/**
 * The UC identity cache's entries in Redis, for the erasure to delete a person's: under their subject, holding the
 * result of their identity check. Deleted whether UC is switched on now or not: it may have been when the entry was
 * written. Blocking; a Redis failure is thrown.
 */
final class IdentityCacheEntries {

    private final StatefulRedisConnection<String, String> redis;
    private final String keyPrefix;

    IdentityCacheEntries(StatefulRedisConnection<String, String> redis, String keyPrefix) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
    }

    void delete(String subject) {
        redis.sync().del(UcConfiguration.identityCacheKey(keyPrefix, subject));
    }
}
