package se.caseflow.web.pages;

import java.util.Map;

/** Errors of one form post: by field name, and {@link #FORM} for those of the whole form. Public methods for templates. */
record FormErrors(Map<String, String> byField) {

    static final String FORM = "";
    static final FormErrors NONE = new FormErrors(Map.of());

    FormErrors {
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
