package se.caseflow.web.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.testsupport.TestPersonalNumbers;
import se.caseflow.uc.UcSimulator;

/** Settings for caseflow nodes sharing one database, one Redis prefix and one fake UC; test people. */
public final class UcNodes {

    public static final String STAFF = "uc-staff";
    public static final String STAFF_PASSWORD = "uc-staff-password";
    private static final String STAFF_HASH = new BCryptPasswordEncoder(4).encode(STAFF_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();

    private UcNodes() {}

    /** Command-line arguments of a node (profile postgres). */
    public static List<String> arguments(
            PostgresTestDatabase database, RedisTestPrefix redis, UcSimulator uc, Path keyFile, String readTimeout) {
        return new ArrayList<>(List.of(
                "--spring.profiles.active=postgres",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--caseflow.secrets.generate-if-missing=true",
                "--caseflow.allow.generated-keys=true",
                "--caseflow.allow.simulated-sms=true",
                "--caseflow.secrets.key-file=" + keyFile,
                "--caseflow.redis.uri=" + redis.uri(),
                "--caseflow.redis.key-prefix=" + redis.prefix(),
                "--caseflow.security.users[0].name=" + STAFF,
                "--caseflow.security.users[0].password-hash=" + STAFF_HASH,
                "--caseflow.security.users[0].roles=STAFF",
                "--caseflow.uc.endpoint=" + uc.endpoint(),
                // the fake UC listens on loopback over plain http
                "--caseflow.allow.plain-http-uc=true",
                "--caseflow.uc.user-id=ABC12",
                "--caseflow.uc.password=XY",
                "--caseflow.uc.connect-timeout=PT2S",
                "--caseflow.uc.read-timeout=" + readTimeout));
    }

    /** The n-th of many valid, distinct (fictitious) personnummer, 12 digits. */
    static String personalNumber(int n) {
        return TestPersonalNumbers.of(n).replace("-", "");
    }

    /** UC's 10-digit object reference of a 12-digit personnummer. */
    static String objectRef(String personalNumber) {
        return personalNumber.substring(2);
    }

    static String openCase(String personalNumber) {
        return CommandPayloads.openCase(personalNumber);
    }

    /** Waits (up to 120 s, tolerant of a loaded machine) until the document of a case satisfies a condition. */
    static JsonNode awaitDocument(ProjectionReader reader, String caseId, Predicate<JsonNode> condition)
            throws Exception {
        JsonNode[] found = new JsonNode[1];
        await(() -> {
            found[0] = reader.document("case/" + caseId)
                    .map(d -> read(d.json()))
                    .filter(condition)
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** The credit-check status on a case document ({@code ""} before any check). */
    static String status(JsonNode document) {
        return document.at("/checks/status").asText("");
    }

    /** The case's event types in order, simple names. */
    static List<String> eventTypes(JdbcTemplate jdbc, String caseId) {
        return jdbc
                .queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                        String.class,
                        caseId)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 120 s");
            }
            Thread.sleep(50);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
