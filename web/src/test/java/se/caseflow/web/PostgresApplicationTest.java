package se.caseflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.caseflow.testsupport.FakeTwilio;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.testsupport.TestRedis;

/**
 * The whole application on the real PostgreSQL server, in a database of its own that is dropped when
 * the test JVM ends, and the real Redis under a key prefix of its own. Every subclass shares one Spring
 * context and so one database and one prefix. Users: {@link TestUsers}; the autowired {@code WebTestClient}
 * signs in as the staff user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
public abstract class PostgresApplicationTest {

    protected static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("web");
    /** The real Redis, under a key prefix of this JVM's own, deleted when the JVM ends. */
    protected static final RedisTestPrefix REDIS = RedisTestPrefix.create("web");

    /** Twilio's REST API as a local fake: the real SDK sends here (integrations/twilio). */
    protected static final String TWILIO_ACCOUNT = "AC" + "5ca1ab1e".repeat(4);

    public static final String TWILIO_TOKEN = "test-twilio-auth-token";
    /** The URL Twilio would call caseflow at, behind a proxy: webhook signatures are computed over it. */
    public static final String PUBLIC_BASE_URL = "https://caseflow.example.se";

    protected static final String TWILIO_FROM = "+46766860000";
    protected static final FakeTwilio TWILIO = FakeTwilio.start(TWILIO_ACCOUNT, TWILIO_TOKEN);

    // Spring Boot runs its shutdown handlers once every context has closed: the database, Redis keys and fakes must
    // outlive the applications that use them (a JVM shutdown hook of their own would drop the database while a
    // cached context still stops, and its processors, scheduler and web server wait on the connections it lost)
    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
        SpringApplication.getShutdownHandlers().add(TWILIO::close);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        register(registry, DATABASE, REDIS);
    }

    /**
     * The properties that run the application on {@code database} and {@code redis}, with the test users and a
     * secrets key file of its own: for a test that needs an application of its own (and so a context of its own).
     */
    public static void register(
            DynamicPropertyRegistry registry, PostgresTestDatabase database, RedisTestPrefix redis) {
        register(registry, database, redis::uri, redis::prefix);
    }

    /** The same, on a {@link TestRedis} (a server of the test's own, for one that kills or reconfigures Redis). */
    public static void register(DynamicPropertyRegistry registry, PostgresTestDatabase database, TestRedis redis) {
        register(registry, database, redis::uri, redis::prefix);
    }

    private static void register(
            DynamicPropertyRegistry registry,
            PostgresTestDatabase database,
            Supplier<Object> redisUri,
            Supplier<Object> keyPrefix) {
        Path keyDirectory = temporaryDirectory();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("caseflow.secrets.generate-if-missing", () -> "true");
        // a test stand on the postgres profile: generated keys are meant here (docs/adr/0028)
        registry.add("caseflow.allow.generated-keys", () -> "true");
        registry.add("caseflow.redis.uri", redisUri);
        registry.add("caseflow.redis.key-prefix", keyPrefix);
        TestUsers.register(registry);
        // no identity or credit checks here: they would add events to every case these tests count on;
        // UcApplicationTest runs them against a fake UC
        registry.add("caseflow.uc.enabled", () -> "false");
        registry.add("caseflow.twilio.account-sid", () -> TWILIO_ACCOUNT);
        registry.add("caseflow.twilio.auth-token", () -> TWILIO_TOKEN);
        registry.add("caseflow.twilio.from", () -> TWILIO_FROM);
        registry.add("caseflow.twilio.public-base-url", () -> PUBLIC_BASE_URL);
        registry.add("caseflow.twilio.api-base-url", TWILIO::baseUrl);
        // Spring Boot's tests switch metrics export off; the ops tests scrape /actuator/prometheus
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        registry.add(
                "caseflow.secrets.key-file",
                () -> keyDirectory.resolve("keys.json").toString());
        // the spool's key is encrypted under this context's KEK: a directory of its own, like the key file
        registry.add(
                "caseflow.twilio.inbound-spool-dir",
                () -> keyDirectory.resolve("sms-spool").toString());
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("caseflow-keys");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
