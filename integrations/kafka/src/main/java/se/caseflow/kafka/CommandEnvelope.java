package se.caseflow.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import se.caseflow.domain.gate.RecordKeys;
import se.caseflow.domain.json.Json;

/**
 * A command message from the commands topic: {@code {"type": ..., "idempotencyKey": ..., "payload": {...}}}.
 * Parsed strictly with the HTTP channel's limits; anything that is not such an envelope is poison.
 */
record CommandEnvelope(String type, String idempotencyKey, JsonNode payload) {

    /** The HTTP channel's nesting limit for a payload, plus the envelope around it. */
    static final int MAX_NESTING = 33;

    private static final int MAX_KEY_LENGTH = 255;
    private static final Set<String> FIELDS = Set.of("type", "idempotencyKey", "payload");

    static ObjectMapper parser(int maxBytes) {
        return Json.strictParser(MAX_NESTING, maxBytes);
    }

    static CommandEnvelope parse(ObjectMapper parser, byte[] value, int maxBytes) {
        if (value == null || value.length == 0) {
            throw new PoisonCommandException("The message has no value");
        }
        if (value.length > maxBytes) {
            throw new PoisonCommandException("The message is larger than " + maxBytes + " bytes");
        }
        JsonNode root = readTree(parser, value);
        if (root == null || !root.isObject()) {
            throw new PoisonCommandException("The message is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new PoisonCommandException(
                        "Unexpected field '" + name + "'; allowed: type, idempotencyKey, payload");
            }
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new PoisonCommandException("'type' must be a non-empty string");
        }
        JsonNode key = root.get("idempotencyKey");
        String idempotencyKey = null;
        if (key != null && !key.isNull()) {
            if (!key.isTextual() || key.asText().isBlank() || key.asText().length() > MAX_KEY_LENGTH) {
                throw new PoisonCommandException(
                        "'idempotencyKey' must be a string of 1 to " + MAX_KEY_LENGTH + " characters");
            }
            idempotencyKey = key.asText();
            if (RecordKeys.isReserved(idempotencyKey)) {
                throw new PoisonCommandException("'idempotencyKey' must not start with '" + RecordKeys.PREFIX
                        + "': caseflow keys records sent without a key that way");
            }
        }
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new PoisonCommandException("'payload' must be a JSON object");
        }
        return new CommandEnvelope(type.asText(), idempotencyKey, payload);
    }

    private static JsonNode readTree(ObjectMapper parser, byte[] value) {
        try {
            return parser.readTree(value);
        } catch (StreamConstraintsException e) {
            throw new PoisonCommandException("The message exceeds a JSON limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new PoisonCommandException("The message is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonCommandException("The message is not readable: " + e.getMessage());
        }
    }

    /** A message that no retry can make valid: it goes to the dead-letter topic with this reason. */
    static final class PoisonCommandException extends RuntimeException {
        PoisonCommandException(String reason) {
            super(reason);
        }
    }
}
