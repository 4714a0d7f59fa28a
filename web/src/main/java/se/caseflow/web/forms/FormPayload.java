package se.caseflow.web.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Typed text into a command's JSON. Nothing is checked here beyond the shape of numbers: the command gate
 * validates, and its violations point at the fields by name.
 */
public final class FormPayload {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u202f]");

    private FormPayload() {}

    /**
     * Puts a typed value under {@code name} unless it is blank (the gate names a missing required one): a
     * number field's whole number becomes a number (spaces allowed: {@code 150 000}), anything else stays text
     * for the gate to refuse.
     */
    public static void put(ObjectNode parent, String name, FormField field, String typed) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty()) {
            return;
        }
        String digits = withoutSpaces(value);
        if (field.number() && WHOLE_NUMBER.matcher(digits).matches()) {
            parent.put(name, Long.parseLong(digits));
        } else {
            parent.put(name, value);
        }
    }

    /** The text without spaces, including the no-break and narrow no-break spaces of Swedish numbers. */
    public static String withoutSpaces(String value) {
        return SPACES.matcher(value).replaceAll("");
    }
}
