package se.caseflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaFilesTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<Path> schemaFiles() throws IOException, URISyntaxException {
        Path root = Path.of(SchemaFilesTest.class.getResource("/schemas").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".schema.json")).sorted().toList().stream();
        }
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everySchemaIsPresent() throws Exception {
        assertThat(schemaFiles().map(p -> p.getParent().getFileName() + "/" + p.getFileName()))
                .containsExactlyInAnyOrder(
                        "commands/OpenCase.schema.json",
                        "commands/AddNote.schema.json",
                        "commands/CloseCase.schema.json",
                        "events/CaseOpened.schema.json",
                        "events/NoteAdded.schema.json",
                        "events/CaseClosed.schema.json",
                        "internal-commands/ConfirmIdentity.schema.json",
                        "internal-commands/RejectIdentity.schema.json",
                        "internal-commands/ReserveCreditCheck.schema.json",
                        "internal-commands/RecordCreditReport.schema.json",
                        "internal-commands/RecordCreditCheckFailure.schema.json",
                        "internal-commands/MarkCreditCheckUnknown.schema.json",
                        "internal-commands/SkipCreditCheck.schema.json",
                        "events/IdentityVerified.schema.json",
                        "events/IdentityRejected.schema.json",
                        "events/CreditCheckReserved.schema.json",
                        "events/CreditReportReceived.schema.json",
                        "events/CreditCheckFailed.schema.json",
                        "events/CreditCheckOutcomeUnknown.schema.json",
                        "events/CreditCheckSkipped.schema.json",
                        "commands/SendSms.schema.json",
                        "internal-commands/StartSmsSend.schema.json",
                        "internal-commands/RecordSmsSent.schema.json",
                        "internal-commands/RecordSmsSendFailed.schema.json",
                        "internal-commands/RecordSmsOutcomeUnknown.schema.json",
                        "internal-commands/RecordSmsStatus.schema.json",
                        "internal-commands/ReceiveSms.schema.json",
                        "internal-commands/RecordUnmatchedSms.schema.json",
                        "commands/MarkSmsRead.schema.json",
                        "events/SmsRequested.schema.json",
                        "events/SmsSendStarted.schema.json",
                        "events/SmsSent.schema.json",
                        "events/SmsSendFailed.schema.json",
                        "events/SmsOutcomeUnknown.schema.json",
                        "events/SmsDeliveryStatusChanged.schema.json",
                        "events/SmsReceived.schema.json",
                        "events/SmsRepliesRead.schema.json",
                        "events/UnmatchedSmsReceived.schema.json",
                        "internal-commands/OpenBidding.schema.json",
                        "partner-commands/PlaceBid.schema.json",
                        "partner-commands/ReviseBid.schema.json",
                        "partner-commands/WithdrawBid.schema.json",
                        "commands/AcceptOffer.schema.json",
                        "commands/SendDebtLetter.schema.json",
                        "commands/RecordDebtLetterSigned.schema.json",
                        "commands/RecordPayout.schema.json",
                        "events/BiddingOpened.schema.json",
                        "events/BidPlaced.schema.json",
                        "events/BidRevised.schema.json",
                        "events/BidWithdrawn.schema.json",
                        "events/BiddingClosed.schema.json",
                        "events/OfferAccepted.schema.json",
                        "events/DebtLetterSent.schema.json",
                        "events/DebtLetterReminderDue.schema.json",
                        "events/DebtLetterSigned.schema.json",
                        "events/PaidOut.schema.json",
                        "commands/ScheduleFollowUp.schema.json",
                        "events/FollowUpScheduled.schema.json",
                        "events/FollowUpDue.schema.json",
                        "internal-commands/EraseSubject.schema.json",
                        "events/SubjectErased.schema.json",
                        "internal-commands/CloseBidding.schema.json",
                        "internal-commands/MarkDebtLetterReminderDue.schema.json",
                        "internal-commands/MarkFollowUpDue.schema.json");
    }

    @Test
    void bidTermsKeepRatesToFourDecimalsAndAmountsInRange() throws Exception {
        Path placeBid = schemaFiles()
                .filter(p -> p.endsWith(Path.of("partner-commands", "PlaceBid.schema.json")))
                .findFirst()
                .orElseThrow();
        JsonSchema schema = FACTORY.getSchema(
                read(placeBid),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        String bid = "{\"caseId\":\"3f6c1f0e-8a4b-4c1d-9e2f-5a6b7c8d9e01\",\"partnerId\":\"nordbank\",\"terms\":"
                + "{\"amountSek\":%s,\"nominalRatePercent\":%s,\"effectiveRatePercent\":6.2345,\"termMonths\":60,"
                + "\"monthlyCostOre\":289700,\"validUntil\":\"%s\"}}";

        assertThat(schema.validate(MAPPER.readTree(bid.formatted("150000", "5.95", "2026-12-31"))))
                .isEmpty();
        assertThat(schema.validate(MAPPER.readTree(bid.formatted("150000", "5.12345", "2026-12-31"))))
                .isNotEmpty();
        assertThat(schema.validate(MAPPER.readTree(bid.formatted("150000", "100.01", "2026-12-31"))))
                .isNotEmpty();
        assertThat(schema.validate(MAPPER.readTree(bid.formatted("10000001", "5.95", "2026-12-31"))))
                .isNotEmpty();
        assertThat(schema.validate(MAPPER.readTree(bid.formatted("150000", "5.95", "2026-13-01"))))
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void isValidAgainstTheDraft202012MetaSchema(Path file) {
        JsonNode schema = read(file);
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12));

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(FACTORY.getSchema(schema)).isNotNull();
    }

    @Test
    void theMetaSchemaCheckRejectsABrokenSchema() throws IOException {
        JsonNode broken = MAPPER.readTree("{\"$schema\":\"" + DRAFT_2020_12 + "\",\"type\":\"obj\",\"maxLength\":-1}");
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12));

        assertThat(metaSchema.validate(broken)).isNotEmpty();
    }

    @Test
    void theStructureCheckFindsUnboundedStringsAndOpenObjects() throws IOException {
        List<String> problems = new ArrayList<>();
        walk(MAPPER.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"), "", problems);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        ": object without additionalProperties false", "/properties/a: string without maxLength");
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void hasTheAgreedHeader(Path file) {
        JsonNode schema = read(file);
        String kind = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();

        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo("https://caseflow.se/schemas/" + kind + "/" + name);
        assertThat(schema.path("title").asText()).isEqualTo(name.replace(".schema.json", ""));
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("examples").isArray()).isTrue();
        assertThat(schema.path("examples")).isNotEmpty();
        if (kind.endsWith("commands")) {
            assertThat(schema.path("properties")
                            .has(schema.path("x-aggregate-id").asText()))
                    .as("x-aggregate-id names a property of the command")
                    .isTrue();
        } else {
            assertThat(schema.has("x-aggregate-id")).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everyExampleValidates(Path file) {
        JsonNode schemaNode = read(file);
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = FACTORY.getSchema(schemaNode, config);

        for (JsonNode example : schemaNode.path("examples")) {
            Set<ValidationMessage> messages = schema.validate(example);
            assertThat(messages).as("example %s", example).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everyStringHasAMaxLengthAndEveryObjectIsClosed(Path file) {
        List<String> problems = new ArrayList<>();
        walk(read(file), "", problems);
        assertThat(problems).isEmpty();
    }

    /** Visits every subschema (skipping examples) and reports open objects and unbounded strings. */
    private static void walk(JsonNode node, String location, List<String> problems) {
        if (!node.isObject()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), location + "/" + i, problems);
                }
            }
            return;
        }
        boolean isSchema = node.has("type") || node.has("properties") || node.has("$ref");
        if (isSchema) {
            if (allowsType(node, "string") && !node.has("maxLength")) {
                problems.add(location + ": string without maxLength");
            }
            boolean objectShape = allowsType(node, "object") || node.has("properties");
            boolean closedElsewhere = node.has("$ref") && !node.has("properties");
            if (objectShape
                    && !closedElsewhere
                    && !node.path("additionalProperties")
                            .equals(MAPPER.getNodeFactory().booleanNode(false))) {
                problems.add(location + ": object without additionalProperties false");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("examples") && !field.getKey().equals("enum")) {
                walk(field.getValue(), location + "/" + field.getKey(), problems);
            }
        }
    }

    private static boolean allowsType(JsonNode schema, String type) {
        JsonNode t = schema.path("type");
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (JsonNode each : t) {
            if (each.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
