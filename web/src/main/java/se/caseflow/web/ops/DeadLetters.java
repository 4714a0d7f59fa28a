package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * A processor's dead letters: list and inspect them (event, error, attempts), retry one sequence or all, evict a
 * sequence. A sequence is every dead-lettered event of one case (the processor's sequencing), oldest first;
 * retrying it replays them in order through the projection and removes them when they all succeed. Blocking.
 */
final class DeadLetters {

    record Letter(
            String id,
            long index,
            String eventId,
            String eventType,
            String aggregateId,
            Long sequenceNumber,
            Instant timestamp,
            Instant enqueuedAt,
            Instant lastTouched,
            String causeType,
            String causeMessage,
            long attempts,
            JsonNode payload) {}

    record Sequence(String sequence, int size, List<Letter> letters) {}

    private final EventProcessingConfiguration processing;
    private final ObjectMapper json;

    DeadLetters(EventProcessingConfiguration processing, ObjectMapper json) {
        this.processing = processing;
        this.json = json;
    }

    /** The processor's queue, or empty when it has none (unknown processor, dead letters off). */
    Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processor) {
        return processing.eventProcessors().containsKey(processor)
                ? processing.deadLetterQueue(processor)
                : Optional.empty();
    }

    List<Sequence> list(SequencedDeadLetterQueue<EventMessage<?>> queue, int limit) {
        List<Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (sequences.size() >= limit) {
                break;
            }
            Sequence view = view(sequence);
            if (view != null) {
                sequences.add(view);
            }
        }
        return sequences;
    }

    Optional<Sequence> sequence(SequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        return Optional.ofNullable(view(queue.deadLetterSequence(sequence)));
    }

    /** Retries one sequence; true when every letter of it succeeded and it is gone. */
    boolean retry(String processor, String sequence) {
        return processor(processor).process(letter -> sequence.equals(sequenceOf(letter)));
    }

    /** Retries every sequence once; answers how many sequences went through. */
    int retryAll(String processor, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        long sequences = queue.amountOfSequences();
        SequencedDeadLetterProcessor<EventMessage<?>> retrier = processor(processor);
        int succeeded = 0;
        for (long i = 0; i < sequences; i++) {
            if (retrier.processAny()) {
                succeeded++;
            }
        }
        return succeeded;
    }

    /** Removes every letter of a sequence without applying it; answers how many went. */
    int evict(SequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        letters.forEach(queue::evict);
        return letters.size();
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String processor) {
        return processing
                .sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new IllegalStateException("No dead letters for " + processor));
    }

    private Sequence view(Iterable<DeadLetter<? extends EventMessage<?>>> sequence) {
        List<Letter> letters = new ArrayList<>();
        String id = null;
        for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
            id = sequenceOf(letter);
            letters.add(letter(letter));
        }
        return letters.isEmpty() ? null : new Sequence(id, letters.size(), letters);
    }

    private Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        JdbcDeadLetter<?> jdbc = letter instanceof JdbcDeadLetter<?> j ? j : null;
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Optional<Cause> cause = letter.cause();
        JsonNode payload;
        try {
            payload = json.valueToTree(event.getPayload());
        } catch (RuntimeException e) {
            payload = json.getNodeFactory()
                    .textNode("(unreadable: " + e.getClass().getSimpleName() + ")");
        }
        Object attempts = letter.diagnostics().get("attempts");
        return new Letter(
                jdbc == null ? null : jdbc.getIdentifier(),
                jdbc == null ? 0 : jdbc.getSequenceIndex(),
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                event.getTimestamp(),
                letter.enqueuedAt(),
                letter.lastTouched(),
                cause.map(Cause::type).orElse(null),
                cause.map(Cause::message).orElse(null),
                attempts instanceof Number n ? n.longValue() : 0,
                payload);
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            return jdbc.getSequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }
}
