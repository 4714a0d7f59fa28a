package se.caseflow.domain.api;

/**
 * A command that is well-formed but not allowed in the case's current state (opening twice, noting a
 * closed case, ...). {@code code} is stable for clients; the message says what is wrong.
 */
public class CaseRuleViolation extends RuntimeException {

    private final String code;

    public CaseRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
