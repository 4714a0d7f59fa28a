package se.caseflow.domain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import se.caseflow.domain.validation.CommandSchemas;

/**
 * The records in this package and the public JSON Schemas must describe the same messages: a record with a
 * {@code caseId} component is a command or event and needs a schema, and every schema needs its record. Commands
 * only caseflow itself sends (sagas, the Twilio webhooks) live under {@code internal-commands/}: only the internal
 * gate knows them, the command gate (HTTP, Kafka) does not. Partner commands live under {@code partner-commands/}:
 * only the partner gate knows them.
 */
class MessageSchemasTest {

    private static final String PACKAGE = MessageSchemasTest.class.getPackageName();
    private static final String SUFFIX = ".schema.json";
    private static final PathMatchingResourcePatternResolver RESOURCES =
            new PathMatchingResourcePatternResolver(MessageSchemasTest.class.getClassLoader());
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final ObjectMapper NON_NULL_MAPPER =
            MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);
    private static final CommandSchemas COMMAND_SCHEMAS = new CommandSchemas(CLOCK);
    private static final CommandSchemas PARTNER_COMMAND_SCHEMAS =
            new CommandSchemas(CLOCK, CommandSchemas.PARTNER_COMMANDS);
    private static final CommandSchemas INTERNAL_COMMAND_SCHEMAS =
            new CommandSchemas(CLOCK, CommandSchemas.INTERNAL_COMMANDS);
    private static final Set<String> SMS_INTERNAL_COMMANDS = Set.of(
            "StartSmsSend",
            "RecordSmsSent",
            "RecordSmsSendFailed",
            "RecordSmsOutcomeUnknown",
            "RecordSmsStatus",
            "ReceiveSms",
            "RecordUnmatchedSms");

    @Test
    void everyMessageRecordHasASchemaAndEverySchemaItsRecord() {
        Set<String> messageRecords = recordsInPackage().stream()
                .filter(MessageSchemasTest::isMessage)
                .map(Class::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> schemaNames = schemaFiles().keySet().stream()
                .map(path -> path.substring(path.indexOf('/') + 1))
                .collect(Collectors.toSet());

        assertThat(messageRecords)
                .as("records with a caseId (or erasureId)")
                .isNotEmpty()
                .isEqualTo(schemaNames);
        assertThat(schemaNames).allSatisfy(name -> assertThat(recordNamed(name)).isNotNull());
    }

    @Test
    void commandSchemasNameCommandsAndEventSchemasNameEvents() {
        schemaFiles().keySet().forEach(path -> {
            String kind = path.substring(0, path.indexOf('/'));
            Class<?> type = recordNamed(path.substring(path.indexOf('/') + 1));
            if (kind.equals("commands") || kind.equals("internal-commands") || kind.equals("partner-commands")) {
                assertThat(targetsAnAggregate(type))
                        .as("%s has a @TargetAggregateIdentifier", type)
                        .isTrue();
                assertThat(type.isAnnotationPresent(Revision.class))
                        .as("%s has no @Revision", type)
                        .isFalse();
            } else {
                assertThat(kind).isEqualTo("events");
                assertThat(type.isAnnotationPresent(Revision.class))
                        .as("%s has a @Revision", type)
                        .isTrue();
                assertThat(targetsAnAggregate(type))
                        .as("%s has no @TargetAggregateIdentifier", type)
                        .isFalse();
            }
        });
        assertThat(COMMAND_SCHEMAS.types()).isEqualTo(schemasIn("commands/"));
        assertThat(PARTNER_COMMAND_SCHEMAS.types()).isEqualTo(schemasIn("partner-commands/"));
        assertThat(INTERNAL_COMMAND_SCHEMAS.types()).isEqualTo(schemasIn("internal-commands/"));
    }

    /** The gate finds a command's aggregate by its schema's x-aggregate-id; Axon routes it by the record's. */
    @Test
    void everyCommandSchemaNamesTheFieldItsRecordTargetsAsTheAggregateId() {
        Map<String, String> declared = new TreeMap<>();
        Map<String, String> targeted = new TreeMap<>();
        schemaFiles().forEach((path, schema) -> {
            if (!path.startsWith("events/")) {
                declared.put(
                        path, schema.path(CommandSchemas.AGGREGATE_ID_KEYWORD).asText());
                targeted.put(path, targetedComponent(recordNamed(path.substring(path.indexOf('/') + 1))));
            }
        });

        assertThat(declared).isEqualTo(targeted).containsEntry("internal-commands/EraseSubject", "erasureId");
        assertThat(INTERNAL_COMMAND_SCHEMAS.aggregateIdField("EraseSubject")).isEqualTo("erasureId");
        assertThat(COMMAND_SCHEMAS.aggregateIdField("OpenCase")).isEqualTo("caseId");
    }

    @Test
    void theStaffAndPartnerChannelsShareNoCommand() {
        assertThat(PARTNER_COMMAND_SCHEMAS.types()).containsExactlyInAnyOrder("PlaceBid", "ReviseBid", "WithdrawBid");
        assertThat(COMMAND_SCHEMAS.types()).doesNotContainAnyElementsOf(PARTNER_COMMAND_SCHEMAS.types());
        assertThat(COMMAND_SCHEMAS.knows("PlaceBid")).isFalse();
    }

    /** What the SMS saga and the Twilio webhooks record must not be forgeable through HTTP or Kafka. */
    @Test
    void theSmsFlowsOwnCommandsAreInternalAndSendSmsAndMarkSmsReadStayPublic() {
        assertThat(INTERNAL_COMMAND_SCHEMAS.types()).containsAll(SMS_INTERNAL_COMMANDS);
        assertThat(COMMAND_SCHEMAS.types()).doesNotContainAnyElementsOf(INTERNAL_COMMAND_SCHEMAS.types());
        assertThat(PARTNER_COMMAND_SCHEMAS.types()).doesNotContainAnyElementsOf(INTERNAL_COMMAND_SCHEMAS.types());
        assertThat(COMMAND_SCHEMAS.types()).contains("SendSms", "MarkSmsRead");
        assertThat(INTERNAL_COMMAND_SCHEMAS.knows("SendSms")).isFalse();
    }

    private static Set<String> schemasIn(String folder) {
        return schemaFiles().keySet().stream()
                .filter(path -> path.startsWith(folder))
                .map(path -> path.substring(folder.length()))
                .collect(Collectors.toSet());
    }

    static Stream<Arguments> examples() {
        return schemaFiles().entrySet().stream().flatMap(file -> {
            JsonNode schema = file.getValue();
            List<Arguments> rows = new java.util.ArrayList<>();
            for (int i = 0; i < schema.path("examples").size(); i++) {
                rows.add(Arguments.of(file.getKey(), i, schema.path("examples").get(i)));
            }
            return rows.stream();
        });
    }

    @ParameterizedTest(name = "{0} example {1}")
    @MethodSource("examples")
    void everyExampleRoundTripsThroughItsRecord(String path, int index, JsonNode example) throws IOException {
        Class<?> type = recordNamed(path.substring(path.indexOf('/') + 1));

        Object message = MAPPER.treeToValue(example, type);
        JsonNode withNulls = MAPPER.valueToTree(message);
        JsonNode withoutNulls = NON_NULL_MAPPER.valueToTree(message);

        assertThat(violations(path, withNulls)).isEmpty();
        assertThat(violations(path, withoutNulls)).isEmpty();
        // re-read so that a long field and an int literal compare as the same number
        assertThat(MAPPER.readTree(withoutNulls.toString())).isEqualTo(withoutNulls(example));
    }

    private static List<String> violations(String path, JsonNode payload) {
        if (path.startsWith("commands/")) {
            return COMMAND_SCHEMAS.validate(path.substring("commands/".length()), payload).stream()
                    .map(Object::toString)
                    .toList();
        }
        if (path.startsWith("internal-commands/")) {
            return INTERNAL_COMMAND_SCHEMAS.validate(path.substring("internal-commands/".length()), payload).stream()
                    .map(Object::toString)
                    .toList();
        }
        if (path.startsWith("partner-commands/")) {
            return PARTNER_COMMAND_SCHEMAS.validate(path.substring("partner-commands/".length()), payload).stream()
                    .map(Object::toString)
                    .toList();
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(
                        schemaFiles().get(path),
                        SchemaValidatorsConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build());
        return schema.validate(payload).stream().map(Object::toString).toList();
    }

    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = object.properties().stream()
                    .filter(e -> e.getValue().isNull())
                    .map(Map.Entry::getKey)
                    .toList();
            object.remove(nulls);
            object.forEach(MessageSchemasTest::strip);
        }
    }

    private static boolean isMessage(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .anyMatch(name -> name.equals("caseId") || name.equals("erasureId"));
    }

    private static String targetedComponent(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(TargetAggregateIdentifier.class)
                        || c.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class))
                .map(RecordComponent::getName)
                .findFirst()
                .orElse("none");
    }

    private static boolean targetsAnAggregate(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).anyMatch(c -> {
            try {
                return c.isAnnotationPresent(TargetAggregateIdentifier.class)
                        || c.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)
                        || record.getDeclaredField(c.getName()).isAnnotationPresent(TargetAggregateIdentifier.class);
            } catch (NoSuchFieldException e) {
                return false;
            }
        });
    }

    private static Class<?> recordNamed(String simpleName) {
        return recordsInPackage().stream()
                .filter(c -> c.getSimpleName().equals(simpleName))
                .findFirst()
                .orElse(null);
    }

    /** Top-level records of this package, found by scanning the classpath rather than by a hand-kept list. */
    private static List<Class<?>> recordsInPackage() {
        try {
            Resource[] classFiles = RESOURCES.getResources("classpath*:" + PACKAGE.replace('.', '/') + "/*.class");
            return Arrays.stream(classFiles)
                    .map(Resource::getFilename)
                    .filter(Objects::nonNull)
                    .filter(name -> !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .distinct()
                    .<Class<?>>map(MessageSchemasTest::load)
                    .filter(Class::isRecord)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(PACKAGE + "." + simpleName, false, MessageSchemasTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "commands/OpenCase" or "events/CaseOpened" to the parsed schema. */
    private static Map<String, JsonNode> schemaFiles() {
        Map<String, JsonNode> files = new TreeMap<>();
        for (String kind : List.of("commands", "partner-commands", "internal-commands", "events")) {
            try {
                for (Resource resource : RESOURCES.getResources("classpath*:schemas/" + kind + "/*" + SUFFIX)) {
                    String name = Objects.requireNonNull(resource.getFilename());
                    try (InputStream in = resource.getInputStream()) {
                        files.putIfAbsent(
                                kind + "/" + name.substring(0, name.length() - SUFFIX.length()), MAPPER.readTree(in));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
