package se.caseflow.domain.validation;

/**
 * Carries the bare reason (without the "not a valid ..." lead-in) so that schema violations can quote it
 * after their own lead-in. Never holds the rejected value: it is personal data.
 */
final class InvalidValueException extends IllegalArgumentException {

    private final String reason;

    InvalidValueException(String what, String reason) {
        super("Not a valid " + what + ": " + reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
