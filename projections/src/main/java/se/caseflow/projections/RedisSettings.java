package se.caseflow.projections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the read side lives: {@code caseflow.redis.*}.
 *
 * @param uri the Redis server and database index
 * @param keyPrefix put before every key and the notice channel, so several installations (or test runs)
 *     can share one Redis
 * @param timeout how long one Redis command may take before it fails (and the processor retries)
 */
@ConfigurationProperties("caseflow.redis")
public record RedisSettings(
        @DefaultValue("redis://localhost:6379/0") String uri,
        @DefaultValue("caseflow:") String keyPrefix,
        @DefaultValue("PT5S") Duration timeout) {}
