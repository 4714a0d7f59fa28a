package se.caseflow.web.ops;

import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The read side's Redis answers PING on the projections' own connection (health component {@code redis}). */
final class RedisHealthIndicator implements HealthIndicator {

    private final StatefulRedisConnection<String, String> connection;

    RedisHealthIndicator(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        try {
            String pong = connection.sync().ping();
            return Health.up().withDetail("ping", pong).build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .build();
        }
    }
}
