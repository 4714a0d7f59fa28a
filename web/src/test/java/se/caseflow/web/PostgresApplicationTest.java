package se.caseflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.caseflow.testsupport.PostgresTestDatabase;

/**
 * The whole application on the real PostgreSQL server, in a database of its own that is dropped when
 * the test JVM ends. Every subclass shares one Spring context and so one database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
public abstract class PostgresApplicationTest {

    protected static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("web");
    private static final Path KEY_DIRECTORY = temporaryDirectory();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("caseflow.secrets.generate-if-missing", () -> "true");
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
