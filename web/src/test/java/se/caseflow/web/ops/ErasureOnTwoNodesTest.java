package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.SubjectErasedException;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisDump;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.uc.UcNode;

/**
 * Two caseflow nodes on one PostgreSQL database and one Redis (this JVM's application context and a child JVM, so
 * that their token claims have two owners), each holding one segment of the case projections: the situation in which
 * the old rebuild after an erasure failed. An erasure started on one node is stored with its
 * shred, reaches every trace of the person in Redis in place on whichever node holds the segment, with no rebuild and
 * no segment released, and its status says DONE once both segments are past it. A failure after the shred in the
 * erasure's transaction rolls the shred back with the event; a command that would wrap new data for the erased
 * person is refused and stores nothing.
 */
class ErasureOnTwoNodesTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("erasure_nodes");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("erasure-nodes");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERASED_PERSON = "19811218-9876";
    private static final String KEPT_PERSON = "19121212-1212";
    private static final String NOTE = "Payslip received from Erasable";

    private static Path keyFile;
    private static final String STAFF = "erasure-staff";
    private static final String STAFF_PASSWORD = "erasure-staff-password";

    private static ConfigurableApplicationContext first;
    private static ChildNode second;
    private static JdbcTemplate jdbc;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        keyFile = Files.createTempDirectory("caseflow-erasure-keys").resolve("keys.json");
        keyFile.toFile().deleteOnExit();
        first = UcNode.start(Stream.concat(
                        Stream.of("--server.port=0"),
                        properties().entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()))
                .toList());
        Map<String, String> child = new LinkedHashMap<>(properties());
        child.put("caseflow.security.users[0].name", STAFF);
        child.put("caseflow.security.users[0].password-hash", new BCryptPasswordEncoder(4).encode(STAFF_PASSWORD));
        child.put("caseflow.security.users[0].roles", "STAFF");
        second = ChildNode.start("erasure-second", child).awaitUp(Duration.ofSeconds(180));
        jdbc = new JdbcTemplate(DATABASE.dataSource());
        redisClient = RedisClient.create(REDIS.uri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        REDIS.close();
        DATABASE.close();
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = ChildNode.onPostgres(DATABASE, REDIS.uri(), REDIS.prefix(), keyFile);
        properties.put("logging.level.root", "WARN");
        properties.put("caseflow.allow.simulated-sms", "true");
        return properties;
    }

    @Test
    void anErasureReachesEveryTraceInPlaceWhileEachNodeHoldsASegment() throws Exception {
        String erasedCase = open(first, ERASED_PERSON, "Erasable");
        assertThat(second.postCommand(
                                "AddNote",
                                "{\"caseId\": \"" + erasedCase + "\", \"text\": \"" + NOTE + "\"}",
                                STAFF,
                                STAFF_PASSWORD)
                        .statusCode())
                .isEqualTo(200);
        String secondErasedCase = JSON.readTree(second.postCommand(
                                "OpenCase",
                                OpsClient.OPEN_CASE.formatted(ERASED_PERSON, "Erasable"),
                                STAFF,
                                STAFF_PASSWORD)
                        .body())
                .get("caseId")
                .asText();
        String keptCase = open(first, KEPT_PERSON, "Keeper");
        OpsClient.await(
                "projected",
                () -> Optional.of(RedisDump.of(redis(), REDIS.prefix()))
                        .filter(dump -> dump.contains(NOTE) && dump.contains("Keeper Tolvansson")));
        Set<String> owners = eachNodeHoldsASegment();
        String token = JSON.readTree(jdbc.queryForObject(
                        "SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                                + " AND sequencenumber = 0",
                        byte[].class,
                        erasedCase))
                .at("/applicant/name/token")
                .asText();

        // a failure after the shred, in the erasure's transaction: the event's insert fails, the shred rolls back
        Erasures erasures = first.getBean(Erasures.class);
        jdbc.execute(
                "CREATE FUNCTION refuse_erasure() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test';"
                        + " END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_erasure BEFORE INSERT ON domainevententry FOR EACH ROW"
                + " WHEN (NEW.payloadtype LIKE '%SubjectErased') EXECUTE FUNCTION refuse_erasure()");
        assertThatThrownBy(() -> erasures.erase(ERASED_PERSON, "ops", "GDPR-41"));
        assertThat(erasures.subjectOf(ERASED_PERSON)).as("the look-up is back").isNotNull();
        assertThat(first.getBean(PersonalDataUnwrapper.class).unwrap(token, TrustedCaller.STAFF_PROJECTION, "test"))
                .as("the key is back")
                .isInstanceOf(Unwrapped.Revealed.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_subject_tombstone", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domainevententry WHERE payloadtype LIKE '%SubjectErased'", Integer.class))
                .isZero();
        jdbc.execute("DROP TRIGGER refuse_erasure ON domainevententry");

        Erasures.Erasure erasure = erasures.erase(ERASED_PERSON, "ops", "GDPR-42");
        ErasureProgress.Progress done = OpsClient.await(
                "both segments past the erasure",
                () -> Optional.of(first.getBean(ErasureProgress.class).of(erasure.id()))
                        .filter(progress -> progress.status().equals(ErasureProgress.DONE)));

        assertThat(done.segments())
                .hasSize(2)
                .allSatisfy(segment -> assertThat(segment.past()).isTrue());
        assertThat(done.segments().stream().map(ErasureProgress.Segment::owner).collect(Collectors.toSet()))
                .as("no segment was released or moved")
                .isEqualTo(owners);
        assertThat(RedisDump.of(redis(), REDIS.prefix()))
                .doesNotContain("Erasable", "E***", "19811218", NOTE)
                .contains("Keeper Tolvansson");
        for (String caseId : List.of(erasedCase, secondErasedCase)) {
            assertThat(redis().get(REDIS.prefix() + "case/" + caseId)).contains("\"name\":\"(erased)\"");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM tokenentry WHERE processorname = ?",
                        Integer.class,
                        ProcessingGroups.CASE_PROJECTIONS_REBUILD))
                .as("no node started a rebuild")
                .isZero();
        assertThat(redis().get(REDIS.prefix() + "generation"))
                .as("the read side was never switched")
                .isNull();

        // wrapping new data for the erased person is refused, and nothing is stored
        long events = eventsOf(erasedCase);
        CommandOutcome refused =
                submit(first, "AddNote", "{\"caseId\": \"" + erasedCase + "\", \"text\": \"Called Erasable again\"}");
        assertThat(refused)
                .isInstanceOfSatisfying(
                        CommandOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo(SubjectErasedException.CODE));
        assertThat(eventsOf(erasedCase)).isEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM secrets_subject_key WHERE subject = ?", Integer.class, erasure.subject()))
                .isZero();
        assertThat(submit(first, "AddNote", "{\"caseId\": \"" + keptCase + "\", \"text\": \"Still fine\"}"))
                .isInstanceOf(CommandOutcome.Accepted.class);
    }

    /** Lets the first node give up one segment and waits until the second holds it; the two owners. */
    private static Set<String> eachNodeHoldsASegment() {
        first.getBean(EventProcessingConfiguration.class)
                .eventProcessor(ProcessingGroups.CASE_PROJECTIONS, TrackingEventProcessor.class)
                .orElseThrow()
                .releaseSegment(1);
        return OpsClient.await("each node holds one segment", () -> {
            Set<String> owners = Set.copyOf(jdbc.queryForList(
                    "SELECT owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL",
                    String.class,
                    ProcessingGroups.CASE_PROJECTIONS));
            return owners.size() == 2 ? Optional.of(owners) : Optional.empty();
        });
    }

    private static long eventsOf(String caseId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, caseId);
    }

    private static RedisCommands<String, String> redis() {
        return redis.sync();
    }

    private static String open(ConfigurableApplicationContext node, String personalNumber, String firstName) {
        return ((CommandOutcome.Accepted)
                        submit(node, "OpenCase", OpsClient.OPEN_CASE.formatted(personalNumber, firstName)))
                .aggregateId();
    }

    /** Through the staff gate, sending again on {@code concurrent-change} as the API tells a client to. */
    private static CommandOutcome submit(ConfigurableApplicationContext node, String type, String payload) {
        try {
            CommandOutcome outcome;
            do {
                outcome = node.getBean(CommandGate.class)
                        .submit(new CommandRequest(type, JSON.readTree(payload), null, "test"));
            } while (outcome instanceof CommandOutcome.Refused refused
                    && refused.code().equals("concurrent-change"));
            return outcome;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
