package se.caseflow.web.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Redis holds the read side (health component {@code readSide}): {@code DEGRADED} while it is being rebuilt after
 * Redis lost it, or while it is lost and no rebuild could start here; as last found by {@link ReadSideLossCheck}.
 */
final class ReadSideHealthIndicator implements HealthIndicator {

    private final ReadSideLossCheck check;

    ReadSideHealthIndicator(ReadSideLossCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        ReadSideLossCheck.State state = check.state();
        Health.Builder health = state == ReadSideLossCheck.State.PRESENT
                ? Health.up()
                : Health.status(ProcessorHealthIndicator.DEGRADED).withDetail("reason", ReadSideLossCheck.REASON);
        return health.withDetail("state", state.name().toLowerCase(java.util.Locale.ROOT))
                .build();
    }
}
