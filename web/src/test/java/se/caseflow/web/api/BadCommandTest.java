package se.caseflow.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.web.PostgresApplicationTest;

/**
 * The gate's table of bad inputs over HTTP: each gets its exact status, problem type and violation
 * pointers, and nothing is written (no event, no idempotency key).
 */
class BadCommandTest extends PostgresApplicationTest {

    private static final String CASE = "0b6f3f2e-5c1a-4e8e-9d7b-2a4c6e8f0a1b";

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    record Bad(
            String name,
            String type,
            String contentType,
            String body,
            int status,
            String problem,
            List<String> pointers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad invalid(String name, String type, String body, String... pointers) {
        return new Bad(name, type, "application/json", body, 422, "invalid-command", List.of(pointers));
    }

    private static Bad open(String name, String from, String to, String... pointers) {
        String body = CommandPayloads.openCase().replace(from, to);
        assertThat(body).as("replacement for %s applies", name).isNotEqualTo(CommandPayloads.openCase());
        return invalid(name, "OpenCase", body, pointers);
    }

    private static String nested(int depth) {
        return "{\"caseId\":\"" + CASE + "\",\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    static Stream<Arguments> badInputs() {
        List<Bad> table = new ArrayList<>(List.of(
                new Bad("not JSON at all", "AddNote", "application/json", "hello", 400, "malformed-json", List.of()),
                new Bad(
                        "truncated JSON",
                        "AddNote",
                        "application/json",
                        "{\"caseId\": \"" + CASE,
                        400,
                        "malformed-json",
                        List.of()),
                new Bad(
                        "trailing garbage",
                        "AddNote",
                        "application/json",
                        "{\"caseId\":\"" + CASE + "\",\"text\":\"x\"} x",
                        400,
                        "malformed-json",
                        List.of()),
                new Bad("empty body", "AddNote", "application/json", "", 400, "malformed-json", List.of()),
                new Bad("JSON array body", "AddNote", "application/json", "[1,2]", 400, "malformed-json", List.of()),
                new Bad("JSON null body", "AddNote", "application/json", "null", 400, "malformed-json", List.of()),
                new Bad(
                        "nesting deeper than the parser allows",
                        "AddNote",
                        "application/json",
                        nested(200),
                        400,
                        "malformed-json",
                        List.of()),
                new Bad(
                        "body over the size limit",
                        "AddNote",
                        "application/json",
                        "{\"caseId\":\"" + CASE + "\",\"text\":\"" + "x".repeat(70_000) + "\"}",
                        413,
                        "payload-too-large",
                        List.of()),
                new Bad(
                        "form-encoded body",
                        "AddNote",
                        "application/x-www-form-urlencoded",
                        "caseId=" + CASE,
                        415,
                        "unsupported-media-type",
                        List.of()),
                new Bad(
                        "unknown command type",
                        "LaunchRocket",
                        "application/json",
                        "{}",
                        404,
                        "unknown-command",
                        List.of()),
                invalid("nesting within the parser's limit but not the schema", "AddNote", nested(20), "/text"),
                invalid("note without text", "AddNote", "{\"caseId\":\"" + CASE + "\"}", "/text"),
                invalid("note with an empty text", "AddNote", "{\"caseId\":\"" + CASE + "\",\"text\":\"\"}", "/text"),
                invalid(
                        "note text too long",
                        "AddNote",
                        "{\"caseId\":\"" + CASE + "\",\"text\":\"" + "x".repeat(4001) + "\"}",
                        "/text"),
                invalid("note text is a number", "AddNote", "{\"caseId\":\"" + CASE + "\",\"text\":42}", "/text"),
                invalid("case id is not a UUID", "AddNote", "{\"caseId\":\"case-1\",\"text\":\"x\"}", "/caseId"),
                invalid(
                        "note with an extra field",
                        "AddNote",
                        "{\"caseId\":\"" + CASE + "\",\"text\":\"x\",\"author\":\"eve\"}",
                        "/author"),
                invalid("close without reason", "CloseCase", "{\"caseId\":\"" + CASE + "\"}", "/reason"),
                invalid(
                        "close with a reason off the list",
                        "CloseCase",
                        "{\"caseId\":\"" + CASE + "\",\"reason\":\"BORED\"}",
                        "/reason"),
                invalid(
                        "close with a null reason",
                        "CloseCase",
                        "{\"caseId\":\"" + CASE + "\",\"reason\":null}",
                        "/reason"),
                invalid("open with an empty object", "OpenCase", "{}", "/applicant", "/income", "/loan"),
                open(
                        "personal number fails the Luhn check",
                        "19121212-1212",
                        "19121212-1213",
                        "/applicant/personalNumber"),
                open("personal number with a month 13", "19121212-1212", "19121312-1212", "/applicant/personalNumber"),
                open("personal number with 11 digits", "19121212-1212", "9121212-1212", "/applicant/personalNumber"),
                open("personal number with letters", "19121212-1212", "19121212-12AB", "/applicant/personalNumber"),
                open("personal number is a number", "\"19121212-1212\"", "191212121212", "/applicant/personalNumber"),
                open(
                        "phone number that is not Swedish mobile",
                        "070-174 06 05",
                        "08-123 456 78",
                        "/applicant/mobilePhone"),
                open("phone number made of letters", "070-174 06 05", "call me", "/applicant/mobilePhone"),
                open("e-mail without an at sign", "tolvan@example.se", "tolvan.example.se", "/applicant/email"),
                open("missing last name", "\"lastName\": \"Tolvansson\",", "", "/applicant/lastName"),
                open(
                        "first name of 100 000 characters",
                        "\"Tolvan\"",
                        "\"" + "T".repeat(60_000) + "\"",
                        "/applicant/firstName"),
                open("postal code with letters", "\"111 22\"", "\"ABC DE\"", "/applicant/address/postalCode"),
                open("negative loan amount", "\"amountSek\": 150000", "\"amountSek\": -5", "/loan/amountSek"),
                open(
                        "loan amount is a string",
                        "\"amountSek\": 150000",
                        "\"amountSek\": \"150000\"",
                        "/loan/amountSek"),
                open(
                        "loan amount with decimals",
                        "\"amountSek\": 150000",
                        "\"amountSek\": 150000.5",
                        "/loan/amountSek"),
                open("loan far too large", "\"amountSek\": 150000", "\"amountSek\": 99999999999", "/loan/amountSek"),
                open("loan purpose off the list", "\"CONSOLIDATION\"", "\"HOLIDAY_ON_MARS\"", "/loan/purpose"),
                open(
                        "income is null",
                        "\"income\": {\"monthlyGrossSek\": 42000, \"employmentType\": \"PERMANENT\"}",
                        "\"income\": null",
                        "/income"),
                open(
                        "loan is an array",
                        "{\"amountSek\": 150000, \"termMonths\": 60, \"purpose\": \"CONSOLIDATION\"}",
                        "[150000, 60]",
                        "/loan")));
        return table.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesAndWritesNothing(Bad bad) {
        int eventsBefore = count("domainevententry");
        int keysBefore = count("idempotency_key");

        JsonNode problem = refused(bad, "bad-" + bad.name().hashCode());
        if (!bad.pointers().isEmpty()) {
            List<String> pointers = new ArrayList<>();
            problem.get("violations").forEach(v -> {
                pointers.add(v.get("pointer").asText());
                assertThat(v.get("message").asText()).isNotBlank();
            });
            assertThat(pointers.stream().distinct())
                    .as("violation pointers")
                    .containsExactlyInAnyOrderElementsOf(bad.pointers());
        }
        assertThat(count("domainevententry")).as("events written").isEqualTo(eventsBefore);
        assertThat(count("idempotency_key")).as("keys written").isEqualTo(keysBefore);
    }

    @Test
    void aKeyOfTheShapeKafkaRecordsAreKeyedWithIsRefusedAndWritesNothing() {
        int eventsBefore = count("domainevententry");
        int keysBefore = count("idempotency_key");
        Bad reserved = new Bad(
                "reserved key",
                "OpenCase",
                "application/json",
                CommandPayloads.openCase(),
                400,
                "bad-idempotency-key",
                List.of());

        JsonNode problem = refused(reserved, "kafka:case-commands:0:7");

        assertThat(problem.get("detail").asText()).contains("'kafka:'");
        assertThat(count("domainevententry")).as("events written").isEqualTo(eventsBefore);
        assertThat(count("idempotency_key")).as("keys written").isEqualTo(keysBefore);
    }

    private JsonNode refused(Bad bad, String idempotencyKey) {
        EntityExchangeResult<JsonNode> result = http.post()
                .uri("/api/commands/" + bad.type())
                .contentType(MediaType.parseMediaType(bad.contentType()))
                .header("Idempotency-Key", idempotencyKey)
                .bodyValue(bad.body())
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult();

        assertThat(result.getStatus().value()).as("status").isEqualTo(bad.status());
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = result.getResponseBody();
        assertThat(problem.get("type").asText()).isEqualTo("https://caseflow.se/problems/" + bad.problem());
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
