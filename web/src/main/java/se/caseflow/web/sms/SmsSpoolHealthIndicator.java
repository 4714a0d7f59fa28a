package se.caseflow.web.sms;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Inbound SMS on this node's disk (health component {@code smsSpool}): {@code DEGRADED} while messages wait in the
 * {@link SmsSpool} for the inbox (details {@code spooled}), or files that do not open wait for a person
 * ({@code unreadable}); {@code DOWN} when the spool's directory cannot be read.
 */
final class SmsSpoolHealthIndicator implements HealthIndicator {

    private static final Status DEGRADED = new Status("DEGRADED", "inbound SMS wait on this node's disk");

    private final SmsSpool spool;

    SmsSpoolHealthIndicator(SmsSpool spool) {
        this.spool = spool;
    }

    @Override
    public Health health() {
        int spooled = spool.spooled();
        int unreadable = spool.unreadable();
        return (spooled + unreadable == 0 ? Health.up() : Health.status(DEGRADED))
                .withDetail("spooled", spooled)
                .withDetail("unreadable", unreadable)
                .withDetail("directory", spool.directory().toString())
                .build();
    }
}
