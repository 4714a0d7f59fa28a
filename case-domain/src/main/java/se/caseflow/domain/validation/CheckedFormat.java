package se.caseflow.domain.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.FormatValidator;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.MessageSourceValidationMessage;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A custom JSON Schema {@code format} backed by a parser that throws {@link InvalidValueException}. The
 * parser's reason travels in the message's second argument (the slot the library reserves for a format's
 * description) so that {@link ViolationMessages} can quote it; the value itself is never put in the message.
 */
final class CheckedFormat implements Format {

    static final int REASON_ARGUMENT = 1;

    private final String name;
    private final Consumer<String> parser;

    CheckedFormat(String name, Consumer<String> parser) {
        this.name = name;
        this.parser = parser;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
        return reasonAgainst(value) == null;
    }

    @Override
    public Set<ValidationMessage> validate(
            ExecutionContext executionContext,
            ValidationContext validationContext,
            JsonNode node,
            JsonNode rootNode,
            JsonNodePath instanceLocation,
            boolean assertionsEnabled,
            Supplier<MessageSourceValidationMessage.Builder> message,
            FormatValidator formatValidator) {
        // Like every format, it applies to strings only; "type" reports anything else.
        if (!assertionsEnabled || !node.isTextual()) {
            return Set.of();
        }
        String reason = reasonAgainst(node.textValue());
        if (reason == null) {
            return Set.of();
        }
        return Set.of(message.get().arguments(name, reason, "").build());
    }

    private String reasonAgainst(String value) {
        try {
            parser.accept(value);
            return null;
        } catch (InvalidValueException e) {
            return e.reason();
        }
    }
}
