package se.caseflow.web.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;

/**
 * Every answer of the command gate as the timer {@code caseflow.commands} (Prometheus:
 * {@code caseflow_commands_seconds_count/_sum/_max}), tagged with the command type and the outcome
 * ({@code accepted}, {@code replayed}, {@code invalid}, {@code refused}, {@code key-conflict},
 * {@code unknown-type}, {@code error}) and, for refusals, the problem code. An unknown type is tagged
 * {@code unknown} so that a client sending made-up names cannot create series without end.
 */
final class CommandMetrics implements CommandGate.Observer {

    private final MeterRegistry registry;
    private final Set<String> knownTypes;

    CommandMetrics(MeterRegistry registry, Set<String> knownTypes) {
        this.registry = registry;
        this.knownTypes = knownTypes;
    }

    @Override
    public void answered(String type, CommandOutcome outcome, long nanos) {
        String code = "none";
        String result;
        if (outcome == null) {
            result = "error";
        } else if (outcome instanceof CommandOutcome.Accepted accepted) {
            result = accepted.replayed() ? "replayed" : "accepted";
        } else if (outcome instanceof CommandOutcome.Invalid) {
            result = "invalid";
        } else if (outcome instanceof CommandOutcome.Refused refused) {
            result = "refused";
            code = refused.code();
        } else if (outcome instanceof CommandOutcome.KeyConflict) {
            result = "key-conflict";
        } else {
            result = "unknown-type";
        }
        Timer.builder("caseflow.commands")
                .description("Commands answered by the command gate")
                .tag("type", knownTypes.contains(type) ? type : "unknown")
                .tag("outcome", result)
                .tag("code", code)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
