package se.caseflow.domain.gate;

import java.util.List;
import se.caseflow.domain.validation.Violation;

/** What the gate answered. Only {@link Accepted} wrote anything. */
public sealed interface CommandOutcome {

    /**
     * The command was handled and its events stored; {@code aggregateId} is the id of the case (or erasure) it went
     * to, {@code replayed} when an idempotent repeat.
     */
    record Accepted(String type, String aggregateId, boolean replayed) implements CommandOutcome {}

    /** The payload broke its schema; nothing was written. */
    record Invalid(String type, List<Violation> violations) implements CommandOutcome {}

    /** No schema, so no command, of this name. */
    record UnknownType(String type) implements CommandOutcome {}

    /** The command is valid but the case's (or other aggregate's) state refuses it. */
    record Refused(String type, String aggregateId, String code, String message) implements CommandOutcome {}

    /** The idempotency key cannot be used for this request. */
    record KeyConflict(String type, String key, Reason reason) implements CommandOutcome {
        public enum Reason {
            IN_FLIGHT,
            DIFFERENT_PAYLOAD
        }
    }
}
