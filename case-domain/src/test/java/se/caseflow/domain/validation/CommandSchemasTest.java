package se.caseflow.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);
    private static final CommandSchemas SCHEMAS = new CommandSchemas(CLOCK);
    private static final String CASE_ID = "3f6c1f0e-8a4b-4c1d-9e2f-5a6b7c8d9e01";

    private static final String OPEN_CASE = """
            {
              "caseId": "3f6c1f0e-8a4b-4c1d-9e2f-5a6b7c8d9e01",
              "applicant": {
                "personalNumber": "19121212-1212",
                "firstName": "Tolvan",
                "lastName": "Tolvansson",
                "mobilePhone": "070-174 06 05",
                "email": "tolvan@example.se",
                "address": {"street": "Storgatan 12", "postalCode": "123 45", "city": "Stockholm"}
              },
              "coApplicant": {
                "personalNumber": "701063-2391",
                "firstName": "Elva",
                "lastName": "Elvasson",
                "mobilePhone": "+46 70 174 06 06",
                "email": "elva@example.se",
                "address": {"street": "Storgatan 12", "postalCode": "12345", "city": "Stockholm", "careOf": "Tolvan"}
              },
              "loan": {"amountSek": 150000, "termMonths": 120, "purpose": "CONSOLIDATION"},
              "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}
            }
            """;
    private static final String ADD_NOTE = "{\"caseId\": \"" + CASE_ID + "\", \"text\": \"Called the applicant.\"}";
    private static final String CLOSE_CASE =
            "{\"caseId\": \"" + CASE_ID + "\", \"reason\": \"NO_OFFERS\", \"comment\": \"No lender bid.\"}";

    private static final String PERSONNUMMER = "must be a valid Swedish personal identity number: ";
    private static final String MOBILE = "must be a valid mobile phone number: ";

    static Stream<Arguments> badPayloads() {
        return Stream.of(
                // OpenCase: the envelope
                bad("OpenCase caseId not a UUID", "OpenCase", with(OPEN_CASE, "/caseId", "not-a-uuid"))
                        .expect("must match the pattern", "/caseId"),
                bad("OpenCase caseId a number", "OpenCase", with(OPEN_CASE, "/caseId", NODES.numberNode(42)))
                        .expect("must be a string or null, not an integer", "/caseId"),
                bad("OpenCase without applicant", "OpenCase", without(OPEN_CASE, "/applicant"))
                        .expect("required property 'applicant' is missing", "/applicant"),
                bad("OpenCase empty object", "OpenCase", json("{}"))
                        .expect("is missing", "/applicant", "/income", "/loan"),
                bad("OpenCase unknown top-level property", "OpenCase", with(OPEN_CASE, "/admin", true))
                        .expect("property 'admin' is not allowed here", "/admin"),
                bad("OpenCase property name needing escapes", "OpenCase", with(OPEN_CASE, "/a~1b~0c", 1))
                        .expect("property 'a/b~c' is not allowed here", "/a~1b~0c"),
                bad("OpenCase 100k-character property name", "OpenCase", with(OPEN_CASE, "/" + "k".repeat(100_000), 1))
                        .expect("property '" + "k".repeat(64) + "...' is not allowed here", "/" + "k".repeat(100_000)),
                bad("OpenCase payload is an array", "OpenCase", json("[" + OPEN_CASE + "]"))
                        .expect("must be an object, not an array", ""),
                bad("OpenCase payload is null", "OpenCase", NullNode.getInstance())
                        .expect("must be an object, not null", ""),
                bad("OpenCase payload is a string", "OpenCase", NODES.textNode(OPEN_CASE))
                        .expect("must be an object, not a string", ""),
                // OpenCase: the applicant
                bad("applicant without lastName", "OpenCase", without(OPEN_CASE, "/applicant/lastName"))
                        .expect("required property 'lastName' is missing", "/applicant/lastName"),
                bad("applicant is null", "OpenCase", with(OPEN_CASE, "/applicant", NullNode.getInstance()))
                        .expect("must be an object, not null", "/applicant"),
                bad("applicant is an array", "OpenCase", with(OPEN_CASE, "/applicant", NODES.arrayNode()))
                        .expect("must be an object, not an array", "/applicant"),
                bad("applicant with unknown property", "OpenCase", with(OPEN_CASE, "/applicant/nickname", "T"))
                        .expect("property 'nickname' is not allowed here", "/applicant/nickname"),
                bad("empty firstName", "OpenCase", with(OPEN_CASE, "/applicant/firstName", ""))
                        .expect("must not be empty", "/applicant/firstName"),
                bad(
                                "100k-character firstName",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/firstName", "x".repeat(100_000)))
                        .expect("must be at most 100 characters long", "/applicant/firstName"),
                bad(
                                "personnummer with wrong check digit",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "19121212-1213"))
                        .expect(PERSONNUMMER + "check digit does not match", "/applicant/personalNumber"),
                bad(
                                "personnummer on 30 February",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "19230230-1234"))
                        .expect(
                                PERSONNUMMER + "the date of birth is not a valid calendar date",
                                "/applicant/personalNumber"),
                bad(
                                "personnummer in the 13th month",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "19121312-1212"))
                        .expect(PERSONNUMMER + "the month must be 01 to 12", "/applicant/personalNumber"),
                bad(
                                "personnummer with 11 digits",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "12121212121"))
                        .expect(PERSONNUMMER + "it must have 10 digits", "/applicant/personalNumber"),
                bad(
                                "personnummer with letters",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "19121212-12A2"))
                        .expect(PERSONNUMMER + "it may contain only digits", "/applicant/personalNumber"),
                bad(
                                "personnummer born in the future",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "20991212-1234"))
                        .expect(PERSONNUMMER + "the date of birth is in the future", "/applicant/personalNumber"),
                bad(
                                "12-digit personnummer with '+'",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "19121212+1212"))
                        .expect(PERSONNUMMER + "'+' is only used with the 10-digit form", "/applicant/personalNumber"),
                bad(
                                "personnummer as a JSON number",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", NODES.numberNode(191212121212L)))
                        .expect("must be a string, not an integer", "/applicant/personalNumber"),
                bad(
                                "100k-character personnummer",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/personalNumber", "1".repeat(100_000)))
                        .expect("must be at most 13 characters long", "/applicant/personalNumber"),
                bad(
                                "co-applicant with wrong check digit",
                                "OpenCase",
                                with(OPEN_CASE, "/coApplicant/personalNumber", "701063-2392"))
                        .expect(PERSONNUMMER + "check digit does not match", "/coApplicant/personalNumber"),
                bad("co-applicant is a string", "OpenCase", with(OPEN_CASE, "/coApplicant", "none"))
                        .expect("must be an object or null, not a string", "/coApplicant"),
                bad(
                                "landline instead of mobile",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/mobilePhone", "08-123 456 78"))
                        .expect(MOBILE + "it is a landline number, not a mobile number", "/applicant/mobilePhone"),
                bad("phone with letters", "OpenCase", with(OPEN_CASE, "/applicant/mobilePhone", "call me maybe"))
                        .expect(MOBILE + "it may contain only digits", "/applicant/mobilePhone"),
                bad("phone too short", "OpenCase", with(OPEN_CASE, "/coApplicant/mobilePhone", "0701234"))
                        .expect(MOBILE + "it is not a valid number", "/coApplicant/mobilePhone"),
                bad("email without @", "OpenCase", with(OPEN_CASE, "/applicant/email", "tolvan.example.se"))
                        .expect("must be a valid email address", "/applicant/email"),
                bad(
                                "email of 255 characters",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/email", "t".repeat(244) + "@example.se"))
                        .expect("must be at most 254 characters long", "/applicant/email"),
                bad(
                                "100k-character email",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/email", "e".repeat(100_000) + "@example.se"))
                        .expect("must be at most 254 characters long", "/applicant/email"),
                bad("100k-character phone", "OpenCase", with(OPEN_CASE, "/applicant/mobilePhone", "0".repeat(100_000)))
                        .expect(MOBILE + "it is longer than 32 characters", "/applicant/mobilePhone"),
                bad(
                                "postal code with four digits",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/address/postalCode", "1234"))
                        .expect("must match the pattern", "/applicant/address/postalCode"),
                bad("address with unknown property", "OpenCase", with(OPEN_CASE, "/applicant/address/country", "SE"))
                        .expect("property 'country' is not allowed here", "/applicant/address/country"),
                bad("careOf too long", "OpenCase", with(OPEN_CASE, "/coApplicant/address/careOf", "c".repeat(201)))
                        .expect("must be at most 200 characters long", "/coApplicant/address/careOf"),
                bad(
                                "deeply nested object instead of street",
                                "OpenCase",
                                with(OPEN_CASE, "/applicant/address/street", deeplyNested(900)))
                        .expect("must be a string, not an object", "/applicant/address/street"),
                bad("deeply nested unknown property", "OpenCase", with(OPEN_CASE, "/nested", deeplyNested(900)))
                        .expect("property 'nested' is not allowed here", "/nested"),
                // OpenCase: loan and income
                bad("negative amount", "OpenCase", with(OPEN_CASE, "/loan/amountSek", NODES.numberNode(-5000)))
                        .expect("must be at least 5000", "/loan/amountSek"),
                bad("amount above 800 000", "OpenCase", with(OPEN_CASE, "/loan/amountSek", NODES.numberNode(800_001)))
                        .expect("must be at most 800000", "/loan/amountSek"),
                bad("amount as a string", "OpenCase", with(OPEN_CASE, "/loan/amountSek", "150000"))
                        .expect("must be an integer, not a string", "/loan/amountSek"),
                bad("amount with öre", "OpenCase", with(OPEN_CASE, "/loan/amountSek", NODES.numberNode(150000.5)))
                        .expect("must be an integer, not a number", "/loan/amountSek"),
                bad("term of six months", "OpenCase", with(OPEN_CASE, "/loan/termMonths", NODES.numberNode(6)))
                        .expect("must be at least 12", "/loan/termMonths"),
                bad("unknown loan purpose", "OpenCase", with(OPEN_CASE, "/loan/purpose", "BOAT"))
                        .expect(
                                "must be one of CONSOLIDATION, CAR, HOME_IMPROVEMENT, CONSUMPTION, OTHER",
                                "/loan/purpose"),
                bad("employment type in lower case", "OpenCase", with(OPEN_CASE, "/income/employmentType", "permanent"))
                        .expect("must be one of PERMANENT, TEMPORARY", "/income/employmentType"),
                bad("negative income", "OpenCase", with(OPEN_CASE, "/income/monthlyGrossSek", NODES.numberNode(-1)))
                        .expect("must be at least 0", "/income/monthlyGrossSek"),
                bad("income is null", "OpenCase", with(OPEN_CASE, "/income", NullNode.getInstance()))
                        .expect("must be an object, not null", "/income"),
                bad(
                                "several problems at once",
                                "OpenCase",
                                with(
                                        without(OPEN_CASE, "/applicant/lastName")
                                                .toString(),
                                        "/loan/amountSek",
                                        NODES.numberNode(1)))
                        .expect("", "/applicant/lastName", "/loan/amountSek"),
                // AddNote
                bad("AddNote without caseId", "AddNote", without(ADD_NOTE, "/caseId"))
                        .expect("required property 'caseId' is missing", "/caseId"),
                bad("AddNote caseId null", "AddNote", with(ADD_NOTE, "/caseId", NullNode.getInstance()))
                        .expect("must be a string, not null", "/caseId"),
                bad("AddNote empty text", "AddNote", with(ADD_NOTE, "/text", ""))
                        .expect("must not be empty", "/text"),
                bad("AddNote text of 4001 characters", "AddNote", with(ADD_NOTE, "/text", "n".repeat(4001)))
                        .expect("must be at most 4000 characters long", "/text"),
                bad("AddNote text of 100k characters", "AddNote", with(ADD_NOTE, "/text", "n".repeat(100_000)))
                        .expect("must be at most 4000 characters long", "/text"),
                bad("AddNote text is an object", "AddNote", with(ADD_NOTE, "/text", NODES.objectNode()))
                        .expect("must be a string, not an object", "/text"),
                bad("AddNote with author", "AddNote", with(ADD_NOTE, "/author", "staff"))
                        .expect("property 'author' is not allowed here", "/author"),
                // CloseCase
                bad("CloseCase unknown reason", "CloseCase", with(CLOSE_CASE, "/reason", "BORED"))
                        .expect("must be one of WITHDRAWN_BY_APPLICANT, NO_OFFERS", "/reason"),
                bad("CloseCase without reason", "CloseCase", without(CLOSE_CASE, "/reason"))
                        .expect("required property 'reason' is missing", "/reason"),
                bad("CloseCase comment of 1001 characters", "CloseCase", with(CLOSE_CASE, "/comment", "c".repeat(1001)))
                        .expect("must be at most 1000 characters long", "/comment"),
                bad("CloseCase comment is an object", "CloseCase", with(CLOSE_CASE, "/comment", NODES.objectNode()))
                        .expect("must be a string or null, not an object", "/comment"),
                bad("CloseCase as an array", "CloseCase", json("[]")).expect("must be an object, not an array", ""),
                bad("CloseCase caseId with braces", "CloseCase", with(CLOSE_CASE, "/caseId", "{" + CASE_ID + "}"))
                        .expect("", "/caseId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void reportsEveryViolationAtItsPointer(String type, JsonNode payload, Set<String> pointers, String fragment) {
        List<Violation> violations = SCHEMAS.validate(type, payload);

        assertThat(violations.stream().map(Violation::pointer).collect(Collectors.toSet()))
                .isEqualTo(pointers);
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains(fragment));
    }

    @Test
    void reportsAllViolationsSortedByPointerThenMessage() {
        JsonNode payload = json("{\"applicant\": {\"personalNumber\": \"1212\"}, \"loan\": 5, \"extra\": 1}");

        List<Violation> violations = SCHEMAS.validate("OpenCase", payload);

        assertThat(violations)
                .containsExactly(
                        new Violation("/applicant/address", "required property 'address' is missing"),
                        new Violation("/applicant/email", "required property 'email' is missing"),
                        new Violation("/applicant/firstName", "required property 'firstName' is missing"),
                        new Violation("/applicant/lastName", "required property 'lastName' is missing"),
                        new Violation("/applicant/mobilePhone", "required property 'mobilePhone' is missing"),
                        new Violation(
                                "/applicant/personalNumber",
                                PERSONNUMMER
                                        + "it must have 10 digits (YYMMDD-NNNC) or 12 digits (YYYYMMDDNNNC), not 4"),
                        new Violation(
                                "/applicant/personalNumber", "must match the pattern ^(\\d{2})?\\d{6}[-+]?\\d{4}$"),
                        new Violation("/extra", "property 'extra' is not allowed here"),
                        new Violation("/income", "required property 'income' is missing"),
                        new Violation("/loan", "must be an object, not an integer"));
        assertThat(SCHEMAS.validate("OpenCase", payload)).isEqualTo(violations);
    }

    @Test
    void messagesNeverQuoteTheRejectedValue() {
        JsonNode payload = with(
                with(OPEN_CASE, "/applicant/personalNumber", "19121212-1213").toString(),
                "/applicant/mobilePhone",
                "08-123 456 78");

        assertThat(SCHEMAS.validate("OpenCase", payload))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.message()).doesNotContain("1213").doesNotContain("456"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OpenCase", "AddNote", "CloseCase"})
    void acceptsTheValidPayloads(String type) {
        JsonNode payload = json(
                switch (type) {
                    case "OpenCase" -> OPEN_CASE;
                    case "AddNote" -> ADD_NOTE;
                    default -> CLOSE_CASE;
                });

        assertThat(SCHEMAS.validate(type, payload)).isEmpty();
    }

    @Test
    void acceptsAMinimalOpenCaseWithAbsentOrNullOptionals() {
        JsonNode minimal = without(without(OPEN_CASE, "/caseId").toString(), "/coApplicant");
        JsonNode nulls = with(
                with(
                                with(OPEN_CASE, "/caseId", NullNode.getInstance())
                                        .toString(),
                                "/coApplicant",
                                NullNode.getInstance())
                        .toString(),
                "/applicant/address/careOf",
                NullNode.getInstance());

        assertThat(SCHEMAS.validate("OpenCase", minimal)).isEmpty();
        assertThat(SCHEMAS.validate("OpenCase", nulls)).isEmpty();
        assertThat(SCHEMAS.validate("CloseCase", without(CLOSE_CASE, "/comment")))
                .isEmpty();
        assertThat(SCHEMAS.validate("CloseCase", with(CLOSE_CASE, "/comment", NullNode.getInstance())))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"121212+1212", "191212121212", "701063-2391", "811218-9876", "1212121212"})
    void acceptsEverySpellingOfAPersonalNumber(String personalNumber) {
        assertThat(SCHEMAS.validate("OpenCase", with(OPEN_CASE, "/applicant/personalNumber", personalNumber)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+46 70 123 45 67", "0046701234567", "070-123 45 67", "+47 412 34 567"})
    void acceptsEverySpellingOfAMobileNumber(String mobile) {
        assertThat(SCHEMAS.validate("OpenCase", with(OPEN_CASE, "/applicant/mobilePhone", mobile)))
                .isEmpty();
    }

    @Test
    void judgesBirthDatesByTheStockholmDateOfTheInjectedClock() {
        JsonNode bornOnMidsummerEve = with(OPEN_CASE, "/applicant/personalNumber", "20250616-1237");
        // 22:30 UTC on 15 June is already 16 June in Stockholm
        Clock lateEvening = Clock.fixed(Instant.parse("2025-06-15T22:30:00Z"), ZoneOffset.UTC);
        Clock earlyEvening = Clock.fixed(Instant.parse("2025-06-15T21:30:00Z"), ZoneOffset.UTC);

        assertThat(new CommandSchemas(lateEvening).validate("OpenCase", bornOnMidsummerEve))
                .isEmpty();
        assertThat(new CommandSchemas(earlyEvening).validate("OpenCase", bornOnMidsummerEve))
                .containsExactly(new Violation(
                        "/applicant/personalNumber", PERSONNUMMER + "the date of birth is in the future"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OpenCase", "AddNote", "CloseCase"})
    void everyExampleInTheSchemaIsValidWithFormatsAsserted(String type) {
        JsonNode examples = schemaFile(type).path("examples");

        assertThat(examples).isNotEmpty();
        examples.forEach(example -> assertThat(SCHEMAS.validate(type, example)).isEmpty());
    }

    @Test
    void knowsTheCommandsThatHaveSchemas() {
        assertThat(SCHEMAS.types()).contains("AddNote", "CloseCase", "OpenCase", "SendSms", "MarkSmsRead");
        assertThat(SCHEMAS.knows("OpenCase")).isTrue();
        assertThat(SCHEMAS.knows("CaseOpened")).isFalse();
        assertThat(SCHEMAS.knows("openCase")).isFalse();
        assertThat(SCHEMAS.knows(null)).isFalse();
        assertThatThrownBy(() -> SCHEMAS.types().add("Hack")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theInternalGateKnowsTheInternalCommandsAndOnlyTheStaffCommandsCaseflowSends() {
        CommandSchemas internalGate = CommandSchemas.forInternalGate(CLOCK);
        CommandSchemas internal = new CommandSchemas(CLOCK, CommandSchemas.INTERNAL_COMMANDS);

        assertThat(internalGate.types())
                .containsAll(internal.types())
                .contains("SendSms")
                .hasSize(internal.types().size() + CommandSchemas.STAFF_COMMANDS_CASEFLOW_SENDS.size());
        assertThat(internalGate.validate("SendSms", json("{\"caseId\":\"" + CASE_ID + "\"}")))
                .extracting(Violation::pointer)
                .containsExactly("/messageId");
    }

    @Test
    void theSmsFlowsOwnCommandsAreKnownOnlyInternally() {
        CommandSchemas internal = new CommandSchemas(CLOCK, CommandSchemas.INTERNAL_COMMANDS);

        // the full list of the SMS flow's internal commands: MessageSchemasTest
        assertThat(internal.types())
                .contains("StartSmsSend", "RecordSmsStatus", "ReceiveSms")
                .doesNotContain("SendSms", "MarkSmsRead", "OpenCase");
        assertThat(SCHEMAS.types()).doesNotContainAnyElementsOf(internal.types());
        // validated like any other command, formats asserted
        assertThat(internal.validate(
                        "ReceiveSms",
                        json("{\"caseId\":\"" + CASE_ID + "\",\"messageSid\":\"SM" + "0".repeat(32)
                                + "\",\"from\":\"12345\",\"body\":\"Hej\",\"openCasesForSender\":1}")))
                .extracting(Violation::pointer)
                .containsExactly("/from");
        assertThatThrownBy(() -> new CommandSchemas(CLOCK, "../commands")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToValidateAnUnknownType() {
        assertThatThrownBy(() -> SCHEMAS.validate("DropTables", json("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown command type");
    }

    @Test
    void aSchemaMustNameOneOfItsPropertiesAsItsAggregateId() throws IOException {
        JsonNode named = MAPPER.readTree(
                "{\"x-aggregate-id\": \"erasureId\", \"properties\": " + "{\"erasureId\": {\"type\": \"string\"}}}");
        JsonNode unnamed = MAPPER.readTree("{\"properties\": {\"caseId\": {\"type\": \"string\"}}}");
        JsonNode notAProperty = MAPPER.readTree(
                "{\"x-aggregate-id\": \"caseId\", \"properties\": " + "{\"erasureId\": {\"type\": \"string\"}}}");

        assertThat(CommandSchemas.aggregateIdField("X.schema.json", named)).isEqualTo("erasureId");
        assertThatThrownBy(() -> CommandSchemas.aggregateIdField("X.schema.json", unnamed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("X.schema.json must name the field that holds the aggregate's id: "
                        + "\"x-aggregate-id\": \"<property>\"");
        assertThatThrownBy(() -> CommandSchemas.aggregateIdField("X.schema.json", notAProperty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("X.schema.json: x-aggregate-id names 'caseId', which is not a property of the command");
    }

    @Test
    void treatsAJavaNullPayloadAsJsonNull() {
        assertThat(SCHEMAS.validate("AddNote", null)).containsExactly(new Violation("", "must be an object, not null"));
    }

    // ---- table helpers

    private record Row(String name, String type, JsonNode payload) {
        Arguments expect(String messageFragment, String... pointers) {
            return Arguments.of(
                    Named.of(name, type),
                    payload,
                    Stream.of(pointers).collect(Collectors.toUnmodifiableSet()),
                    messageFragment);
        }
    }

    private static Row bad(String name, String type, JsonNode payload) {
        return new Row(name, type, payload);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode with(String base, String pointer, Object value) {
        JsonNode root = json(base);
        JsonPointer path = JsonPointer.compile(pointer);
        String last = path.last().getMatchingProperty();
        ((ObjectNode) root.at(path.head()))
                .set(last, value instanceof JsonNode node ? node : MAPPER.valueToTree(value));
        return root;
    }

    private static JsonNode without(String base, String pointer) {
        JsonNode root = json(base);
        JsonPointer path = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(path.head())).remove(path.last().getMatchingProperty());
        return root;
    }

    /** Parsed from text, as the gate would receive it, just inside Jackson's default nesting limit. */
    private static JsonNode deeplyNested(int depth) {
        return json("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    private static JsonNode schemaFile(String type) {
        try (InputStream in = CommandSchemasTest.class
                .getClassLoader()
                .getResourceAsStream("schemas/commands/" + type + ".schema.json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theTableCoversAtLeastThirtyBadPayloads() {
        assertThat(badPayloads()).hasSizeGreaterThanOrEqualTo(30);
    }
}
