package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Every personal data token in the event store, from the first event to the head, as the upcasters read them: each
 * event's payload is walked as JSON and every text that looks like a token ({@code pd1.}) is handed on. The key
 * rotation gives those tokens to the look-up rows derived from their values (rows of earlier versions keep none).
 */
final class EventStoreTokens implements KeyRotations.TokenSource {

    private static final String TOKEN_PREFIX = "pd1.";

    private final EventStore eventStore;
    private final ObjectMapper json;

    EventStoreTokens(EventStore eventStore, ObjectMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    @Override
    public void forEachToken(Consumer<String> action) {
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable()) {
                walk(json.valueToTree(events.nextAvailable().getPayload()), action);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
    }

    private static void walk(JsonNode node, Consumer<String> action) {
        if (node.isTextual() && node.asText().startsWith(TOKEN_PREFIX)) {
            action.accept(node.asText());
        }
        node.forEach(child -> walk(child, action));
    }
}
