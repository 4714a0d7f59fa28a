package se.caseflow.domain.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.idempotency.IdempotencyStore;
import se.caseflow.domain.idempotency.IdempotencyStore.PreviousUse;
import se.caseflow.domain.validation.CommandSchemas;
import se.caseflow.domain.validation.Violation;

/**
 * The positor: the one way in for every command from every channel. It validates the payload against
 * the command's JSON Schema, claims the idempotency key, and dispatches to the aggregate, all in one
 * transaction with the event append, so a key is stored exactly when the command's events are. Each gate keeps
 * its keys in a namespace of its own ({@code keyNamespace}) and its own set of keys in flight, so a key sent
 * through one gate never meets the same key sent through another.
 *
 * <p>Callers must not call {@link #submit} from an event-loop thread: it blocks on the database.
 */
public class CommandGate {

    private static final String CONCURRENT_CHANGE = "concurrent-change";

    private final CommandSchemas schemas;
    private final CommandTypes types;
    private final CommandGateway commandGateway;
    private final IdempotencyStore idempotencyStore;
    private final String keyNamespace;
    private final TransactionOperations transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keyRetention;
    private final CaseLocks caseLocks;
    private final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();
    private volatile Observer observer = (type, outcome, nanos) -> {};

    /** Told of every answer the gate gives (metrics); must be quick and must not throw. */
    @FunctionalInterface
    public interface Observer {
        /** {@code outcome} is null when the gate failed (an exception went to the caller). */
        void answered(String type, CommandOutcome outcome, long nanos);
    }

    public CommandGate(
            CommandSchemas schemas,
            CommandGateway commandGateway,
            IdempotencyStore idempotencyStore,
            String keyNamespace,
            TransactionOperations transactions,
            ObjectMapper json,
            Clock clock,
            Duration keyRetention,
            CaseLocks caseLocks) {
        this.schemas = schemas;
        this.types = new CommandTypes(schemas.types());
        this.commandGateway = commandGateway;
        this.idempotencyStore = idempotencyStore;
        this.keyNamespace = keyNamespace;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.keyRetention = keyRetention;
        this.caseLocks = caseLocks;
    }

    /** The command types this gate knows, sorted. */
    public Set<String> types() {
        return schemas.types();
    }

    /** Replaces the observer told of every answer (one per gate; the metrics set it). */
    public void observe(Observer observer) {
        this.observer = observer;
    }

    public CommandOutcome submit(CommandRequest request) {
        long start = System.nanoTime();
        CommandOutcome outcome = null;
        try {
            outcome = check(request);
            return outcome;
        } finally {
            observer.answered(request.type(), outcome, System.nanoTime() - start);
        }
    }

    /**
     * {@link #submit}, sent again (after a short random pause, at most {@code attempts} times in all) while another
     * node's change to the same case wins the race: nothing of a refused attempt was kept. For callers that cannot
     * hand the {@code concurrent-change} on: Twilio never resends an inbound message, a person's form should not
     * fail for it.
     */
    public CommandOutcome submitUntilNoCollision(CommandRequest request, int attempts) {
        CommandOutcome outcome = submit(request);
        for (int attempt = 1; attempt < attempts && isCollision(outcome); attempt++) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
            outcome = submit(request);
        }
        return outcome;
    }

    /** Another writer to the case won the race: nothing of the command was kept, so it may be sent again. */
    static boolean isCollision(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.Refused refused
                && refused.code().equals(CONCURRENT_CHANGE);
    }

    private CommandOutcome check(CommandRequest request) {
        if (!schemas.knows(request.type())) {
            return new CommandOutcome.UnknownType(request.type());
        }
        List<Violation> violations = schemas.validate(request.type(), request.payload());
        if (!violations.isEmpty()) {
            return new CommandOutcome.Invalid(request.type(), violations);
        }
        if (request.idempotencyKey() == null) {
            return inCaseTransaction(request, tx -> dispatch(request.type(), withAggregateId(request), tx));
        }
        if (!keysInFlight.add(request.idempotencyKey())) {
            return new CommandOutcome.KeyConflict(
                    request.type(), request.idempotencyKey(), CommandOutcome.KeyConflict.Reason.IN_FLIGHT);
        }
        try {
            return inCaseTransaction(request, tx -> dispatchOnce(request, tx));
        } finally {
            keysInFlight.remove(request.idempotencyKey());
        }
    }

    /**
     * The transaction, committed while this node holds the lock of the command's aggregate (a case, an erasure; a
     * creation that names no id names a new one: no lock).
     */
    private CommandOutcome inCaseTransaction(CommandRequest request, TransactionCallback<CommandOutcome> work) {
        JsonNode aggregateId = request.payload().get(schemas.aggregateIdField(request.type()));
        if (aggregateId == null || !aggregateId.isTextual()) {
            return transactions.execute(work);
        }
        ReentrantLock lock = caseLocks.of(aggregateId.asText());
        lock.lock();
        try {
            return transactions.execute(work);
        } finally {
            lock.unlock();
        }
    }

    private CommandOutcome dispatchOnce(CommandRequest request, TransactionStatus tx) {
        String fingerprint = RequestFingerprint.of(json, request.type(), request.payload());
        Instant now = clock.instant();
        Optional<PreviousUse> previous = idempotencyStore.claim(
                keyNamespace, request.idempotencyKey(), fingerprint, now, now.plus(keyRetention));
        if (previous.isPresent()) {
            return previous.get().fingerprint().equals(fingerprint)
                    ? OutcomeRecord.replay(json, previous.get().outcome())
                    : new CommandOutcome.KeyConflict(
                            request.type(),
                            request.idempotencyKey(),
                            CommandOutcome.KeyConflict.Reason.DIFFERENT_PAYLOAD);
        }
        CommandOutcome outcome = dispatch(request.type(), withAggregateId(request), tx);
        if (outcome instanceof CommandOutcome.Accepted accepted) {
            idempotencyStore.complete(
                    keyNamespace,
                    request.idempotencyKey(),
                    accepted.aggregateId(),
                    OutcomeRecord.write(json, accepted));
        }
        return outcome;
    }

    private CommandOutcome dispatch(String type, JsonNode payload, TransactionStatus tx) {
        String aggregateId = payload.get(schemas.aggregateIdField(type)).asText();
        Object command = json.convertValue(payload, types.classOf(type));
        try {
            commandGateway.sendAndWait(command);
            return new CommandOutcome.Accepted(type, aggregateId, false);
        } catch (CaseRuleViolation e) {
            tx.setRollbackOnly();
            return new CommandOutcome.Refused(type, aggregateId, e.code(), e.getMessage());
        } catch (AggregateNotFoundException e) {
            tx.setRollbackOnly();
            return new CommandOutcome.Refused(
                    type, aggregateId, "case-not-found", "Case " + aggregateId + " does not exist");
        } catch (AggregateStreamCreationException e) {
            tx.setRollbackOnly();
            return new CommandOutcome.Refused(
                    type, aggregateId, "case-already-open", "Case " + aggregateId + " already exists");
        } catch (ConcurrencyException e) {
            // another node appended to this case at the same moment; nothing of this command was kept
            tx.setRollbackOnly();
            return new CommandOutcome.Refused(
                    type,
                    aggregateId,
                    CONCURRENT_CHANGE,
                    "Case " + aggregateId + " was changed by another request at the same time; send the command again");
        }
    }

    /**
     * The payload with its aggregate's id, in the field its schema names: a valid command without one is a creation,
     * and the gate names the new aggregate.
     */
    private JsonNode withAggregateId(CommandRequest request) {
        String field = schemas.aggregateIdField(request.type());
        if (request.payload().hasNonNull(field)) {
            return request.payload();
        }
        ObjectNode copy = ((ObjectNode) request.payload()).deepCopy();
        copy.put(field, UUID.randomUUID().toString());
        return copy;
    }
}
