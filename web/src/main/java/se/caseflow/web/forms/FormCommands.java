package se.caseflow.web.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.validation.Violation;

/**
 * Forms into a {@link CommandGate} (the staff gate for the staff pages, the partner gate for the partner pages),
 * on the command worker pool (never the event loop). Every form carries an idempotency key generated when the
 * form was rendered, so a double submit does one thing: the second request waits while the first is in flight
 * and then gets its answer.
 */
public final class FormCommands {

    public static final String KEY_FIELD = "idempotencyKey";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration IN_FLIGHT_PAUSE = Duration.ofMillis(100);
    private static final int IN_FLIGHT_RETRIES = 100;
    private static final int CONCURRENT_CHANGE_ATTEMPTS = 6;

    private final CommandGate gate;
    private final Scheduler commandScheduler;

    public FormCommands(CommandGate gate, Scheduler commandScheduler) {
        this.gate = gate;
        this.commandScheduler = commandScheduler;
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** The form's key if it is one the gate takes, else null (the command then runs without one). */
    public static String key(String typed) {
        return typed == null || typed.isBlank() || typed.length() > MAX_KEY_LENGTH ? null : typed;
    }

    public Mono<CommandOutcome> submit(String type, ObjectNode payload, String idempotencyKey) {
        CommandRequest request = new CommandRequest(type, payload, idempotencyKey, "form");
        // another request changed the case at the same moment (two partners bidding at once): sent again a few
        // times before the person is told
        return Mono.fromCallable(() -> gate.submitUntilNoCollision(request, CONCURRENT_CHANGE_ATTEMPTS))
                .subscribeOn(commandScheduler)
                .flatMap(outcome -> inFlight(outcome) ? Mono.error(new InFlight()) : Mono.just(outcome))
                .retryWhen(Retry.fixedDelay(IN_FLIGHT_RETRIES, IN_FLIGHT_PAUSE)
                        .filter(InFlight.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(
                        InFlight.class,
                        e -> Mono.just(new CommandOutcome.KeyConflict(
                                type, idempotencyKey, CommandOutcome.KeyConflict.Reason.IN_FLIGHT)));
    }

    private static boolean inFlight(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.KeyConflict conflict
                && conflict.reason() == CommandOutcome.KeyConflict.Reason.IN_FLIGHT;
    }

    /** Whether the form's key was used before for other values: the form then needs a new key. */
    public static boolean keyReused(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.KeyConflict conflict
                && conflict.reason() == CommandOutcome.KeyConflict.Reason.DIFFERENT_PAYLOAD;
    }

    /**
     * What went wrong, for the form: violations of known fields under the field's name, everything else
     * (a violation of no field, a refusal, a key conflict) under {@link FormErrors#FORM}.
     */
    public static FormErrors errors(CommandOutcome outcome, Collection<FormField> fields) {
        Map<String, String> byField = new LinkedHashMap<>();
        if (outcome instanceof CommandOutcome.Invalid invalid) {
            for (Violation violation : invalid.violations()) {
                String field = fields.stream()
                        .filter(f -> f.pointer().equals(violation.pointer()))
                        .map(FormField::name)
                        .findFirst()
                        .orElse(FormErrors.FORM);
                String message = FormErrors.FORM.equals(field)
                        ? violation.pointer() + ": " + violation.message()
                        : readable(violation.message());
                byField.merge(field, message, (a, b) -> a + "; " + b);
            }
        } else if (outcome instanceof CommandOutcome.Refused refused) {
            byField.put(FormErrors.FORM, refused.message());
        } else if (outcome instanceof CommandOutcome.KeyConflict conflict) {
            byField.put(
                    FormErrors.FORM,
                    conflict.reason() == CommandOutcome.KeyConflict.Reason.IN_FLIGHT
                            ? "The same form is still being handled; try again in a moment."
                            : "This form was already sent with other values. It has a new key now: send it again to"
                                    + " do this as well.");
        } else if (outcome instanceof CommandOutcome.UnknownType unknown) {
            byField.put(FormErrors.FORM, "There is no command named " + unknown.type());
        }
        return new FormErrors(byField);
    }

    /** The gate's messages, as a sentence next to a field. */
    private static String readable(String message) {
        if (message.startsWith("required property")) {
            return "Required.";
        }
        String sentence = message.replace("must be an integer, not a string", "must be a whole number")
                .replace("must be a number, not a string", "must be a number");
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
    }

    private static final class InFlight extends RuntimeException {
        InFlight() {
            super(null, null, false, false);
        }
    }
}
