package se.caseflow.web.forms;

import java.util.List;

/**
 * One input of a command form. {@code name} is the property path in the command ({@code applicant.firstName}),
 * so a violation's JSON pointer ({@code /applicant/firstName}) names its field.
 *
 * @param input {@code text}, {@code email}, {@code tel}, {@code number} (whole), {@code decimal}, {@code date},
 *     {@code select} or {@code textarea}
 * @param options the choices of a {@code select}
 * @param autocomplete the HTML autocomplete token, or null
 * @param hint a line under the label, or null
 */
public record FormField(
        String name,
        String label,
        String input,
        List<String> options,
        boolean required,
        String autocomplete,
        String hint) {

    public static FormField text(String name, String label, String autocomplete) {
        return new FormField(name, label, "text", List.of(), true, autocomplete, null);
    }

    public FormField withInput(String newInput) {
        return new FormField(name, label, newInput, options, required, autocomplete, hint);
    }

    public FormField withHint(String newHint) {
        return new FormField(name, label, input, options, required, autocomplete, newHint);
    }

    public FormField optional() {
        return new FormField(name, label, input, options, false, autocomplete, hint);
    }

    public static FormField select(String name, String label, List<String> options) {
        return new FormField(name, label, "select", List.copyOf(options), true, null, null);
    }

    /** The element id: the name with dots as dashes ({@code applicant-firstName}), easy in CSS and URLs. */
    public String id() {
        return "f-" + name.replace('.', '-');
    }

    /** The JSON pointer of this field in the command. */
    public String pointer() {
        return "/" + name.replace('.', '/');
    }

    public boolean number() {
        return "number".equals(input);
    }

    /** A number with a decimal comma or point, typed as text. */
    public boolean decimal() {
        return "decimal".equals(input);
    }
}
