package se.caseflow.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * Publishes every case event to the events topic, keyed by case id. Sends of one processor batch are collected
 * and awaited before the batch's unit of work commits, so the processor's token moves only after the broker
 * acknowledged every event of the batch; a failure rolls the batch back and the processor retries it, which may
 * publish some events twice (consumers dedupe by {@code event-id}) but never loses one.
 */
@ProcessingGroup(ProcessingGroups.KAFKA_PUBLISHER)
@DisallowReplay
final class CaseEventPublisher {

    private static final String PENDING_SENDS = CaseEventPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> template;
    private final Serializer serializer;
    private final String topic;
    private final Duration sendTimeout;

    CaseEventPublisher(
            KafkaTemplate<String, byte[]> template, Serializer serializer, String topic, Duration sendTimeout) {
        this.template = template;
        this.serializer = serializer;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        CompletableFuture<?> sent = template.send(record(event));
        if (CurrentUnitOfWork.isStarted()) {
            pendingSends(CurrentUnitOfWork.get()).add(sent);
        } else {
            awaitAll(List.of(sent));
        }
    }

    private ProducerRecord<String, byte[]> record(DomainEventMessage<?> event) {
        // the stored serialised form when the event came from the store: exactly the JSON of schemas/events
        SerializedObject<byte[]> value = event.serializePayload(serializer, byte[].class);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "event-id", event.getIdentifier());
        header(headers, "event-type", event.getPayloadType().getSimpleName());
        String revision = value.getType().getRevision();
        if (revision != null) {
            header(headers, "event-revision", revision);
        }
        header(headers, "event-timestamp", event.getTimestamp().toString());
        header(headers, "case-sequence", Long.toString(event.getSequenceNumber()));
        return new ProducerRecord<>(topic, null, event.getAggregateIdentifier(), value.getData(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private List<CompletableFuture<?>> pendingSends(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            root.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<CompletableFuture<?>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishException("Interrupted while waiting for Kafka to acknowledge", e);
        } catch (ExecutionException e) {
            throw new KafkaPublishException(
                    "Kafka refused a case event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaPublishException(
                    "Kafka did not acknowledge " + pending.size() + " case events within " + sendTimeout, e);
        }
    }

    /** Fails the processor's batch so that it is retried from the last acknowledged position. */
    static final class KafkaPublishException extends RuntimeException {
        KafkaPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
