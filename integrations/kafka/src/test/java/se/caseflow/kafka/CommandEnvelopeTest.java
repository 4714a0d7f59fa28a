package se.caseflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.validation.Violation;

class CommandEnvelopeTest {

    private static final int LIMIT = 1000;
    private static final ObjectMapper PARSER = CommandEnvelope.parser(LIMIT);

    private static CommandEnvelope parse(String text) {
        return CommandEnvelope.parse(PARSER, text.getBytes(StandardCharsets.UTF_8), LIMIT);
    }

    @Test
    void readsTheEnvelope() {
        CommandEnvelope envelope =
                parse("{\"type\": \"AddNote\", \"idempotencyKey\": \"k-1\", \"payload\": {\"text\": \"x\"}}");

        assertThat(envelope.type()).isEqualTo("AddNote");
        assertThat(envelope.idempotencyKey()).isEqualTo("k-1");
        assertThat(envelope.payload().get("text").asText()).isEqualTo("x");
        assertThat(parse("{\"type\": \"AddNote\", \"payload\": {}}").idempotencyKey())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "nope",
                "\"just a string\"",
                "[]",
                "{}",
                "{\"type\": 5, \"payload\": {}}",
                "{\"type\": \" \", \"payload\": {}}",
                "{\"type\": \"AddNote\"}",
                "{\"type\": \"AddNote\", \"payload\": []}",
                "{\"type\": \"AddNote\", \"payload\": {}, \"other\": 1}",
                "{\"type\": \"AddNote\", \"idempotencyKey\": \"\", \"payload\": {}}",
                "{\"type\": \"AddNote\", \"idempotencyKey\": 7, \"payload\": {}}",
                "{\"type\": \"AddNote\", \"idempotencyKey\": \"kafka:case-commands:0:7\", \"payload\": {}}",
                "{\"type\": \"AddNote\", \"payload\": {}} trailing"
            })
    void refusesAnythingElseAsPoison(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(CommandEnvelope.PoisonCommandException.class);
    }

    @Test
    void refusesOversizedAndDeeplyNestedMessages() {
        assertThatThrownBy(
                        () -> parse("{\"type\": \"AddNote\", \"payload\": {\"text\": \"" + "x".repeat(LIMIT) + "\"}}"))
                .hasMessageContaining("larger than 1000 bytes");
        String deep = "{\"type\": \"AddNote\", \"payload\": " + "{\"a\": ".repeat(33) + "1" + "}".repeat(34);
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining("JSON limit");
        String deepest = "{\"type\": \"AddNote\", \"payload\": " + "{\"a\": ".repeat(31) + "1" + "}".repeat(32);
        assertThat(parse(deepest).type()).isEqualTo("AddNote");
    }

    @Test
    void describesEveryOutcome() {
        CommandEnvelope command = parse("{\"type\": \"AddNote\", \"idempotencyKey\": \"k\", \"payload\": {}}");

        assertThat(CommandListener.describe(command, new CommandOutcome.Accepted("AddNote", "c-1", true)))
                .containsEntry("status", "accepted")
                .containsEntry("caseId", "c-1")
                .containsEntry("replayed", true)
                .containsEntry("idempotencyKey", "k");
        assertThat(CommandListener.describe(
                        command, new CommandOutcome.Invalid("AddNote", List.of(new Violation("/text", "missing")))))
                .containsEntry("status", "invalid")
                .containsEntry("violations", List.of(Map.of("pointer", "/text", "message", "missing")));
        assertThat(CommandListener.describe(command, new CommandOutcome.UnknownType("AddNote")))
                .containsEntry("status", "unknown-type")
                .doesNotContainKey("caseId");
        assertThat(CommandListener.describe(
                        command, new CommandOutcome.Refused("AddNote", "c-1", "case-closed", "Closed")))
                .containsEntry("status", "refused")
                .containsEntry("code", "case-closed");
        assertThat(CommandListener.describe(
                        command,
                        new CommandOutcome.KeyConflict("AddNote", "k", CommandOutcome.KeyConflict.Reason.IN_FLIGHT)))
                .containsEntry("status", "key-conflict")
                .containsEntry("code", "idempotency-key-in-flight");
    }
}
