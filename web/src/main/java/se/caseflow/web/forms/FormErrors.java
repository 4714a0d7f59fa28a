package se.caseflow.web.forms;

import java.util.Map;

/** Errors of one form post: by field name, and {@link #FORM} for those of the whole form. Public methods for templates. */
public record FormErrors(Map<String, String> byField) {

    public static final String FORM = "";
    public static final FormErrors NONE = new FormErrors(Map.of());

    public FormErrors {
        byField = Map.copyOf(byField);
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String of(String field) {
        return byField.get(field);
    }

    public String form() {
        return byField.get(FORM);
    }
}
