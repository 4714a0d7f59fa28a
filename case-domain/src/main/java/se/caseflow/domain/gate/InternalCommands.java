package se.caseflow.domain.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.modelling.command.ConcurrencyException;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.json.Json;

/**
 * The one way anything inside caseflow sends a command (sagas, their procedures, deadline handlers): through the
 * internal {@link CommandGate}, so each is checked against its schema, keyed, queued on the case's lock and sent
 * again when another node's change to the case wins the race. The gate runs on a thread of this component's own,
 * where no unit of work and no transaction of the caller is bound: the command's events have committed when
 * {@link #send} returns, before the caller makes any call to the outside (UC, Twilio), and independent of the
 * caller's transaction.
 *
 * <p>The idempotency key is the trigger (the identifier of the event or deadline being handled, or an id that names
 * the step once, such as an SMS's message id) and the command's fingerprint. A trigger delivered again that sends the
 * same command gets the first answer back ({@link CommandOutcome.Accepted#replayed()}) and no second effect; two
 * different commands, even of one trigger, never share a key.
 */
public final class InternalCommands implements AutoCloseable {

    /** Attempts in all while another writer to the case wins (the gate's collision retry). */
    static final int COLLISION_ATTEMPTS = 5;

    private static final String CHANNEL = "caseflow";
    private static final int MAX_TRIGGER_LENGTH = 100;
    // nulls left out: the fingerprint in every stored key of caseflow's own commands must never change
    private static final ObjectMapper JSON = Json.derive().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final CommandGate gate;
    private final ExecutorService executor;
    private final Duration timeout;

    /**
     * @param internalGate the gate that knows caseflow's own commands
     * @param threads how many commands may be on their way at once (one per processor and deadline thread suffices)
     * @param timeout how long a caller waits for the gate's answer
     */
    public InternalCommands(CommandGate internalGate, int threads, Duration timeout) {
        this.gate = internalGate;
        this.timeout = timeout;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "internal-command-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends {@code command} and waits until its transaction has committed.
     *
     * @param triggerId what the command answers to: the same trigger and command always make the same key
     * @return the acceptance; {@linkplain CommandOutcome.Accepted#replayed() replayed} when this trigger sent this
     *     command before, so nothing happened now
     * @throws CaseRuleViolation when the case refused the command (its code says why)
     * @throws ConcurrencyException when other writers to the case won every attempt: nothing was kept, and the
     *     trigger should be delivered again
     * @throws IllegalStateException when the gate gave no answer in time (the command may still commit), the same
     *     key is on its way already, or the command is not one of the gate's or breaks its schema
     */
    public CommandOutcome.Accepted send(String triggerId, Object command) {
        if (triggerId == null || triggerId.isEmpty() || triggerId.length() > MAX_TRIGGER_LENGTH) {
            throw new IllegalArgumentException("A trigger id of 1 to " + MAX_TRIGGER_LENGTH + " characters is needed");
        }
        String type = command.getClass().getSimpleName();
        JsonNode payload = JSON.valueToTree(command);
        String key = triggerId + "/" + RequestFingerprint.of(JSON, type, payload);
        CommandOutcome outcome = onOwnThread(new CommandRequest(type, payload, key, CHANNEL));
        if (outcome instanceof CommandOutcome.Accepted accepted) {
            return accepted;
        }
        if (CommandGate.isCollision(outcome)) {
            throw new ConcurrencyException("Case changed by others on every attempt; nothing of " + type + " was kept");
        }
        if (outcome instanceof CommandOutcome.Refused refused) {
            throw new CaseRuleViolation(refused.code(), refused.message());
        }
        throw new IllegalStateException("The internal gate did not take " + type + ": " + outcome);
    }

    private CommandOutcome onOwnThread(CommandRequest request) {
        Future<CommandOutcome> answer = executor.submit(() -> gate.submitUntilNoCollision(request, COLLISION_ATTEMPTS));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    request.type() + " got no answer within " + timeout + "; it may still commit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + request.type(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
