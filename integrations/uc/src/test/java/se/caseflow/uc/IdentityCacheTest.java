package se.caseflow.uc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.testsupport.RedisTestPrefix;

/** The identity cache on the real Redis: keyed by the blind index, with a TTL, holding no plaintext. */
class IdentityCacheTest {

    private final RedisTestPrefix prefix = RedisTestPrefix.create("uc-cache");
    private final RedisClient client = RedisClient.create(prefix.uri());
    private final StatefulRedisConnection<String, String> redis = client.connect();

    @AfterEach
    void cleanUp() {
        redis.close();
        client.shutdown();
        prefix.close();
    }

    @Test
    void keepsFactsUnderTheBlindIndexForTheTtl() {
        Duration ttl = Duration.ofMinutes(5);
        IdentityCache cache = new IdentityCache(redis, prefix.prefix(), ttl);
        Instant before = redisTime();
        cache.put("hmac-of-the-number", IdentityFacts.found("05", "T"));
        Instant after = redisTime();
        cache.put("hmac-of-another", IdentityFacts.notFound());

        assertThat(cache.get("hmac-of-the-number")).contains(IdentityFacts.found("05", "T"));
        assertThat(cache.get("hmac-of-another")).contains(IdentityFacts.notFound());
        assertThat(cache.get("unknown")).isEmpty();
        assertThat(redis.sync().get(prefix.prefix() + "uc-identity/hmac-of-the-number"))
                .isEqualTo("FOUND|05|T");
        // on Redis's own clock: the key expires the TTL after it was written, to the millisecond
        Instant expires = Instant.ofEpochMilli(redis.sync().pexpiretime(cache.key("hmac-of-the-number")));
        assertThat(expires)
                .isBetween(
                        before.plus(ttl).truncatedTo(ChronoUnit.MILLIS),
                        after.plus(ttl).plusMillis(1));
    }

    private Instant redisTime() {
        List<String> time = redis.sync().time();
        return Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1000);
    }

    @Test
    void doesNotKeepARefusalOrAnythingWithAZeroTtl() {
        new IdentityCache(redis, prefix.prefix(), Duration.ofMinutes(5))
                .put("a", IdentityFacts.refused("UC status error, message 9"));
        new IdentityCache(redis, prefix.prefix(), Duration.ZERO).put("b", IdentityFacts.found(null, "T"));
        assertThat(redis.sync().keys(prefix.prefix() + "*")).isEmpty();
    }
}
