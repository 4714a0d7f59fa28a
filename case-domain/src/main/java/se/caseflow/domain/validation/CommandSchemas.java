package se.caseflow.domain.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import se.caseflow.domain.json.Json;

/**
 * The JSON Schemas of one channel's commands ({@code schemas/<folder>/{Type}.schema.json} on the classpath:
 * {@value #STAFF_COMMANDS} for staff, HTTP, forms and Kafka, {@value #PARTNER_COMMANDS} for the partner
 * channel, {@value #INTERNAL_COMMANDS} for what caseflow sends itself: the sagas and the Twilio webhooks),
 * loaded once, with formats asserted: {@value #PERSONNUMMER_FORMAT}, {@value #MOBILE_FORMAT},
 * {@code email} and the other standard formats. A gate built on one folder knows no other folder's commands.
 * Thread-safe.
 */
public final class CommandSchemas {

    /** Custom format: a Swedish personnummer or samordningsnummer accepted by {@link PersonalNumber}. */
    public static final String PERSONNUMMER_FORMAT = "se-personnummer";

    /** Custom format: a mobile phone number accepted by {@link MobilePhoneNumber}. */
    public static final String MOBILE_FORMAT = "se-mobile";

    /** The staff channel's commands (HTTP API, forms, Kafka). */
    public static final String STAFF_COMMANDS = "commands";

    /** The partner channel's commands: only the partner gate knows them. */
    public static final String PARTNER_COMMANDS = "partner-commands";

    /**
     * Commands caseflow sends itself (sagas, the Twilio webhooks): only the internal gate knows them, never a
     * channel from outside.
     */
    public static final String INTERNAL_COMMANDS = "internal-commands";

    /**
     * The staff commands caseflow also sends itself (the bidding saga's SMS): the internal gate knows them too, so
     * caseflow's own copy is checked against the same schema and keyed in the internal gate's namespace.
     */
    public static final Set<String> STAFF_COMMANDS_CASEFLOW_SENDS = Set.of("SendSms");

    /**
     * The keyword by which each command's schema names the field that identifies the aggregate it goes to:
     * {@code "x-aggregate-id": "caseId"} for a case's commands, {@code "erasureId"} for an erasure. An annotation only:
     * it validates nothing.
     */
    public static final String AGGREGATE_ID_KEYWORD = "x-aggregate-id";

    private static final String SUFFIX = ".schema.json";
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Comparator<Violation> ORDER =
            Comparator.comparing(Violation::pointer).thenComparing(Violation::message);

    private final Map<String, CommandSchema> schemas;

    /** One command's schema and the field its schema names as the aggregate's id. */
    private record CommandSchema(JsonSchema schema, String aggregateIdField) {}

    /** The staff channel's commands, {@value #STAFF_COMMANDS}. */
    public CommandSchemas(Clock clock) {
        this(clock, STAFF_COMMANDS);
    }

    /** The commands under {@code schemas/<folder>/}, e.g. {@value #PARTNER_COMMANDS}. */
    public CommandSchemas(Clock clock, String folder) {
        this(clock, folder, Set.of());
    }

    private CommandSchemas(Clock clock, String folder, Set<String> staffCommands) {
        Objects.requireNonNull(clock, "clock");
        if (!folder.equals(STAFF_COMMANDS) && !folder.equals(PARTNER_COMMANDS) && !folder.equals(INTERNAL_COMMANDS)) {
            throw new IllegalArgumentException("No command channel " + folder);
        }
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .format(new CheckedFormat(
                        PERSONNUMMER_FORMAT,
                        value -> PersonalNumber.parse(value, LocalDate.now(clock.withZone(STOCKHOLM)))))
                .format(new CheckedFormat(MOBILE_FORMAT, MobilePhoneNumber::normaliseE164))
                .keyword(new AnnotationKeyword(AGGREGATE_ID_KEYWORD))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012, builder -> builder.metaSchema(metaSchema));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        Map<String, CommandSchema> loaded = new TreeMap<>(load(factory, config, "schemas/" + folder + "/"));
        if (!staffCommands.isEmpty()) {
            load(factory, config, "schemas/" + STAFF_COMMANDS + "/").entrySet().stream()
                    .filter(entry -> staffCommands.contains(entry.getKey()))
                    .forEach(entry -> loaded.put(entry.getKey(), entry.getValue()));
        }
        this.schemas = Collections.unmodifiableMap(loaded);
    }

    /**
     * The internal gate's commands: {@value #INTERNAL_COMMANDS} and the {@linkplain #STAFF_COMMANDS_CASEFLOW_SENDS
     * staff commands caseflow sends itself}.
     */
    public static CommandSchemas forInternalGate(Clock clock) {
        return new CommandSchemas(clock, INTERNAL_COMMANDS, STAFF_COMMANDS_CASEFLOW_SENDS);
    }

    private static Map<String, CommandSchema> load(
            JsonSchemaFactory factory, SchemaValidatorsConfig config, String location) {
        Map<String, CommandSchema> loaded = new TreeMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(CommandSchemas.class.getClassLoader())
                    .getResources("classpath*:" + location + "*" + SUFFIX);
            for (Resource resource : resources) {
                String fileName = Objects.requireNonNull(resource.getFilename());
                String type = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (loaded.containsKey(type)) {
                    continue;
                }
                try (InputStream in = resource.getInputStream()) {
                    JsonNode tree = Json.mapper().readTree(in);
                    JsonSchema schema = factory.getSchema(tree, config);
                    schema.initializeValidators();
                    loaded.put(type, new CommandSchema(schema, aggregateIdField(location + fileName, tree)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command schemas under " + location, e);
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no command schemas found on the classpath under " + location);
        }
        return Collections.unmodifiableMap(loaded);
    }

    /**
     * The field of {@code type}'s payload that names the aggregate the command goes to (its schema's
     * {@value #AGGREGATE_ID_KEYWORD}).
     *
     * @throws IllegalArgumentException if {@code type} is not {@linkplain #knows known}
     */
    public String aggregateIdField(String type) {
        return schemaOf(type).aggregateIdField();
    }

    /** {@value #AGGREGATE_ID_KEYWORD} of a command's schema: a property of the command. */
    static String aggregateIdField(String file, JsonNode schema) {
        JsonNode field = schema.get(AGGREGATE_ID_KEYWORD);
        if (field == null || !field.isTextual() || field.asText().isEmpty()) {
            throw new IllegalStateException(file + " must name the field that holds the aggregate's id: \""
                    + AGGREGATE_ID_KEYWORD + "\": \"<property>\"");
        }
        if (!schema.path("properties").has(field.asText())) {
            throw new IllegalStateException(file + ": " + AGGREGATE_ID_KEYWORD + " names '" + field.asText()
                    + "', which is not a property of the command");
        }
        return field.asText();
    }

    /** True if {@code type} names a command with a schema. */
    public boolean knows(String type) {
        return type != null && schemas.containsKey(type);
    }

    /** The command types, sorted. */
    public Set<String> types() {
        return schemas.keySet();
    }

    /**
     * Every violation of the command's schema, sorted by pointer then message; empty when valid. A Java
     * {@code null} payload is treated as JSON {@code null}.
     *
     * @throws IllegalArgumentException if {@code type} is not {@linkplain #knows known}
     */
    public List<Violation> validate(String type, JsonNode payload) {
        return schemaOf(type).schema().validate(payload == null ? NullNode.getInstance() : payload).stream()
                .map(ViolationMessages::toViolation)
                .distinct()
                .sorted(ORDER)
                .toList();
    }

    private CommandSchema schemaOf(String type) {
        CommandSchema schema = type == null ? null : schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("Unknown command type: " + type);
        }
        return schema;
    }
}
