package se.caseflow.domain.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the validator's messages into {@link Violation}s that point at the right place and never quote values. */
final class ViolationMessages {

    private static final Map<String, String> FORMAT_LEAD_INS = Map.of(
            CommandSchemas.PERSONNUMMER_FORMAT,
            "must be a valid Swedish personal identity number",
            CommandSchemas.MOBILE_FORMAT,
            "must be a valid mobile phone number",
            "email",
            "must be a valid email address",
            "uuid",
            "must be a valid UUID",
            "date",
            "must be a valid date (YYYY-MM-DD)",
            "date-time",
            "must be a valid RFC 3339 date-time");

    private static final int MAX_QUOTED_NAME = 64;

    private ViolationMessages() {}

    static Violation toViolation(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        JsonNode schemaValue = m.getSchemaNode();
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        return switch (m.getType()) {
            case "required" ->
                new Violation(
                        child(location, m.getProperty()),
                        "required property '" + shortened(m.getProperty()) + "' is missing");
            case "additionalProperties" ->
                new Violation(
                        child(location, m.getProperty()),
                        "property '" + shortened(m.getProperty()) + "' is not allowed here");
            case "type" ->
                new Violation(
                        location,
                        "must be " + describeTypes(schemaValue) + ", not "
                                + (args.length > 0 ? withArticle(String.valueOf(args[0])) : "another type"));
            case "minLength" ->
                new Violation(
                        location,
                        schemaValue.asInt() == 1
                                ? "must not be empty"
                                : "must be at least " + schemaValue.asText() + " characters long");
            case "maxLength" -> new Violation(location, "must be at most " + schemaValue.asText() + " characters long");
            case "minimum" -> new Violation(location, "must be at least " + schemaValue.asText());
            case "maximum" -> new Violation(location, "must be at most " + schemaValue.asText());
            case "exclusiveMinimum" -> new Violation(location, "must be greater than " + schemaValue.asText());
            case "exclusiveMaximum" -> new Violation(location, "must be less than " + schemaValue.asText());
            case "pattern" -> new Violation(location, "must match the pattern " + schemaValue.asText());
            case "enum" -> new Violation(location, "must be one of " + joinTexts(schemaValue));
            case "const" -> new Violation(location, "must be exactly " + schemaValue);
            case "format" -> new Violation(location, formatMessage(schemaValue.asText(), args));
            default -> new Violation(location, withoutLocation(m.getMessage(), location));
        };
    }

    private static String formatMessage(String format, Object[] args) {
        String leadIn = FORMAT_LEAD_INS.getOrDefault(format, "must be a valid " + format);
        String reason =
                args.length > CheckedFormat.REASON_ARGUMENT ? String.valueOf(args[CheckedFormat.REASON_ARGUMENT]) : "";
        return reason.isBlank() ? leadIn : leadIn + ": " + reason;
    }

    /** Property names come from the caller; the pointer carries them whole, the message need not. */
    private static String shortened(String property) {
        return property.length() <= MAX_QUOTED_NAME ? property : property.substring(0, MAX_QUOTED_NAME) + "...";
    }

    /** RFC 6901: '~' becomes "~0" and '/' becomes "~1" inside a reference token. */
    static String child(String pointer, String property) {
        return pointer + "/" + property.replace("~", "~0").replace("/", "~1");
    }

    private static String describeTypes(JsonNode types) {
        if (!types.isArray()) {
            return withArticle(types.asText());
        }
        List<String> names = new ArrayList<>();
        types.forEach(t -> names.add(withArticle(t.asText())));
        return String.join(" or ", names);
    }

    private static String withArticle(String type) {
        return switch (type) {
            case "null" -> "null";
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String joinTexts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.isTextual() ? v.textValue() : v.toString()));
        return String.join(", ", texts);
    }

    private static String withoutLocation(String message, String location) {
        String prefix = location + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
