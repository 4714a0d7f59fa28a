package se.caseflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.CaseflowApplication;

/**
 * The whole application for a benchmark: profile postgres on a throw-away database, a private Redis key
 * prefix, fresh key material, and one staff user {@code bench} for HTTP and the websocket.
 */
final class BenchApplication {

    private static final String PASSWORD = "bench-password";
    /** Cost 4: the benchmarks measure caseflow, not bcrypt. */
    private static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    static final String AUTHORIZATION =
            "Basic " + Base64.getEncoder().encodeToString(("bench:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private BenchApplication() {}

    /** Starts caseflow; {@code extraArguments} are further {@code --key=value} settings. */
    static ConfigurableApplicationContext start(
            PostgresTestDatabase database, RedisTestPrefix redis, String... extraArguments) throws IOException {
        Path keys = Files.createTempDirectory("caseflow-bench-keys");
        // command-line arguments: they take precedence over the profile's application.yml
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--caseflow.secrets.generate-if-missing=true",
                "--caseflow.allow.generated-keys=true",
                "--caseflow.allow.simulated-sms=true",
                "--caseflow.secrets.key-file=" + keys.resolve("keys.json"),
                "--caseflow.redis.uri=" + redis.uri(),
                "--caseflow.redis.key-prefix=" + redis.prefix(),
                "--caseflow.security.users[0].name=bench",
                "--caseflow.security.users[0].password-hash=" + PASSWORD_HASH,
                "--caseflow.security.users[0].roles=STAFF"));
        arguments.addAll(List.of(extraArguments));
        if (arguments.stream().noneMatch(a -> a.startsWith("--caseflow.uc."))) {
            // benchmarks measure their own flow; the UC sagas run only where a benchmark points them at a fake UC
            arguments.add("--caseflow.uc.enabled=false");
        }
        return new SpringApplicationBuilder(CaseflowApplication.class)
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
    }
}
