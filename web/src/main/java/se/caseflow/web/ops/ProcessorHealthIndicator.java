package se.caseflow.web.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The event processors keep up (health component {@code processors}): {@code DOWN} when one is
 * {@code caseflow.ops.lag-down} events or more behind the head, {@code DEGRADED} when one is
 * {@code lag-degraded} or more behind, has a segment in error or is not running; details per processor.
 * A rebuild's own processor is behind on purpose and does not count.
 */
final class ProcessorHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "behind, in error or stopped");

    private final ProcessorMonitor monitor;
    private final OpsProperties properties;
    private final Set<String> ignored;

    ProcessorHealthIndicator(ProcessorMonitor monitor, OpsProperties properties, Set<String> ignored) {
        this.monitor = monitor;
        this.properties = properties;
        this.ignored = ignored;
    }

    @Override
    public Health health() {
        Status worst = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProcessorMonitor.Processor processor : monitor.processors()) {
            if (ignored.contains(processor.name())) {
                continue;
            }
            Status status = Status.UP;
            if (processor.lag() >= properties.lagDown()) {
                status = Status.DOWN;
            } else if (processor.lag() >= properties.lagDegraded()
                    || !processor.errors().isEmpty()
                    || !processor.running()) {
                status = DEGRADED;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", status.getCode());
            detail.put("running", processor.running());
            detail.put("lag", processor.lag());
            detail.put("deadLetters", processor.deadLetters());
            if (!processor.errors().isEmpty()) {
                detail.put("errors", processor.errors());
            }
            details.put(processor.name(), detail);
            worst = worse(worst, status);
        }
        return Health.status(worst).withDetails(details).build();
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 2;
        }
        return DEGRADED.equals(status) ? 1 : 0;
    }
}
