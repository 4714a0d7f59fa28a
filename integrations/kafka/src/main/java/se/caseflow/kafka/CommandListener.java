package se.caseflow.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.gate.RecordKeys;
import se.caseflow.domain.json.Json;

/**
 * The Kafka channel into the command gate. Runs on Spring Kafka's container threads, so the blocking gate is
 * fine here. The answer is published to the results topic and acknowledged before the listener returns, and
 * so before the record's offset is committed. A command without an idempotency key is keyed by its record
 * ({@link #idempotencyKey}), so a record delivered again is answered again, not handled twice.
 */
final class CommandListener {

    static final String CHANNEL = "kafka";

    private final CommandGate gate;
    private final KafkaTemplate<String, byte[]> template;
    private final ObjectMapper parser;
    private final ObjectMapper json = Json.mapper();
    private final CaseflowKafkaProperties properties;

    CommandListener(CommandGate gate, KafkaTemplate<String, byte[]> template, CaseflowKafkaProperties properties) {
        this.gate = gate;
        this.template = template;
        this.properties = properties;
        this.parser = CommandEnvelope.parser(properties.maxCommandBytes());
    }

    @KafkaListener(
            id = "caseflow-commands",
            topics = "${caseflow.kafka.commands-topic:case-commands}",
            groupId = "${caseflow.kafka.consumer-group:caseflow-commands}",
            containerFactory = KafkaConfiguration.COMMANDS_CONTAINER_FACTORY)
    public void onCommand(ConsumerRecord<String, byte[]> record) throws Exception {
        CommandEnvelope command = CommandEnvelope.parse(parser, record.value(), properties.maxCommandBytes());
        CommandOutcome outcome = gate.submit(
                new CommandRequest(command.type(), command.payload(), idempotencyKey(command, record), CHANNEL));
        String key = command.idempotencyKey() != null ? command.idempotencyKey() : record.key();
        byte[] result = json.writeValueAsBytes(describe(command, outcome));
        try {
            template.send(new ProducerRecord<>(properties.resultsTopic(), key, result))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a command result", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a command result in time", e);
        }
    }

    /**
     * The sender's key, or else one naming the record: Kafka delivers a record again when the result could not be
     * published or the offset was not committed (a crash, a rebalance), and the same key makes that a replay of the
     * first answer, not a second case.
     */
    static String idempotencyKey(CommandEnvelope command, ConsumerRecord<?, ?> record) {
        return command.idempotencyKey() != null
                ? command.idempotencyKey()
                : RecordKeys.forRecord(record.topic(), record.partition(), record.offset());
    }

    static Map<String, Object> describe(CommandEnvelope command, CommandOutcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("idempotencyKey", command.idempotencyKey());
        result.put("type", command.type());
        if (outcome instanceof CommandOutcome.Accepted accepted) {
            result.put("status", "accepted");
            result.put("caseId", accepted.aggregateId());
            result.put("replayed", accepted.replayed());
        } else if (outcome instanceof CommandOutcome.Invalid invalid) {
            result.put("status", "invalid");
            result.put("code", "invalid-command");
            result.put("message", "The command breaks its schema");
            result.put(
                    "violations",
                    invalid.violations().stream()
                            .map(v -> Map.of("pointer", v.pointer(), "message", v.message()))
                            .toList());
        } else if (outcome instanceof CommandOutcome.UnknownType unknown) {
            result.put("status", "unknown-type");
            result.put("code", "unknown-command");
            result.put("message", "There is no command named '" + unknown.type() + "'");
        } else if (outcome instanceof CommandOutcome.Refused refused) {
            result.put("status", "refused");
            result.put("caseId", refused.aggregateId());
            result.put("code", refused.code());
            result.put("message", refused.message());
        } else if (outcome instanceof CommandOutcome.KeyConflict conflict) {
            result.put("status", "key-conflict");
            boolean inFlight = conflict.reason() == CommandOutcome.KeyConflict.Reason.IN_FLIGHT;
            result.put("code", inFlight ? "idempotency-key-in-flight" : "idempotency-key-reused");
            result.put(
                    "message",
                    inFlight
                            ? "A command with this idempotency key is still being handled"
                            : "This idempotency key was used for a different command");
        }
        result.values().removeIf(Objects::isNull);
        return result;
    }
}
