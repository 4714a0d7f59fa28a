package se.caseflow.web;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Events appended to a case's stream in the event store directly, past the aggregate: for read-side tests of
 * events that are not this test's subject to produce (bidding, say). They reach every processor as any other.
 */
public final class DirectEvents {

    private DirectEvents() {}

    /** Appends the payloads to the {@code Case} aggregate's stream after its last event. */
    public static void append(EventStore eventStore, String caseId, Object... payloads) {
        long next =
                eventStore.lastSequenceNumberFor(caseId).map(last -> last + 1).orElse(0L);
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(new GenericDomainEventMessage<>("Case", caseId, next++, payload));
        }
        eventStore.publish(messages);
    }
}
