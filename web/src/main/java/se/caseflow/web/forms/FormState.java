package se.caseflow.web.forms;

import java.util.Map;

/**
 * One form as a page shows it: what was typed (by field name), the errors of its last post, and its idempotency
 * key. Public methods for templates.
 */
public record FormState(Map<String, String> typed, FormErrors errors, String key) {

    public FormState {
        typed = Map.copyOf(typed);
    }

    /** An empty form with a new key. */
    public static FormState fresh() {
        return new FormState(Map.of(), FormErrors.NONE, FormCommands.newKey());
    }

    /** What was typed into a field, or "". */
    public String value(String field) {
        return typed.getOrDefault(field, "");
    }
}
