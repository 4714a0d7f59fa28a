package se.caseflow.domain.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The stored answer of an accepted command, so that a repeat with the same key gets it again. */
final class OutcomeRecord {

    private OutcomeRecord() {}

    /** {@code caseId} holds the aggregate's id, whatever its kind: the name of the stored rows' field. */
    private record Stored(String type, String caseId) {}

    static String write(ObjectMapper json, CommandOutcome.Accepted accepted) {
        try {
            return json.writeValueAsString(new Stored(accepted.type(), accepted.aggregateId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store a command outcome", e);
        }
    }

    static CommandOutcome.Accepted replay(ObjectMapper json, String stored) {
        try {
            Stored outcome = json.readValue(stored, Stored.class);
            return new CommandOutcome.Accepted(outcome.type(), outcome.caseId(), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored command outcome is unreadable: " + stored, e);
        }
    }
}
