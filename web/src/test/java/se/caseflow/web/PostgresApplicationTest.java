package se.caseflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

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

    private static final Path KEY_DIRECTORY = temporaryDirectory();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
        Runtime.getRuntime().addShutdownHook(new Thread(REDIS::close));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("caseflow.secrets.generate-if-missing", () -> "true");
        registry.add("caseflow.redis.uri", REDIS::uri);
        registry.add("caseflow.redis.key-prefix", REDIS::prefix);
        TestUsers.register(registry);
        // Spring Boot's tests switch metrics export off; the ops tests scrape /actuator/prometheus
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        registry.add(
                "caseflow.secrets.key-file",
                () -> KEY_DIRECTORY.resolve("keys.json").toString());
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
