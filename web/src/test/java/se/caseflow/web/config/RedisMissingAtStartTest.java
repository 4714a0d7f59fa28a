package se.caseflow.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * caseflow started for real, in a JVM of its own in the default mode, with Redis pointed at a port where nothing
 * listens: it must stop with status 1 and one line saying what is missing and how to start it, not a stack trace.
 */
class RedisMissingAtStartTest {

    @TempDir
    Path dir;

    @Test
    void withoutRedisTheApplicationSaysSoInOneLineAndExits() throws Exception {
        int nothingListens = freePort();
        Path log = dir.resolve("caseflow.log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        applicationClassPath(),
                        "se.caseflow.web.CaseflowApplication",
                        "--server.port=0",
                        "--caseflow.redis.uri=redis://127.0.0.1:" + nothingListens + "/0",
                        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("caseflow")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "--caseflow.secrets.key-file=" + dir.resolve("keys.json"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        List<String> output = Files.readAllLines(log);
        String shown = String.join("\n", output);

        assertThat(exited).as("the application stops by itself:\n%s", shown).isTrue();
        assertThat(process.exitValue()).as(shown).isEqualTo(1);
        assertThat(output)
                .as(shown)
                .filteredOn(line -> line.contains("Redis"))
                .containsExactly("caseflow needs Redis for its read side and none answers at 127.0.0.1:"
                        + nothingListens + " (caseflow.redis.uri; connection refused): start one with 'redis-server'"
                        + " or 'docker run -p 6379:6379 redis:7', or set CASEFLOW_REDIS_URI to where yours runs.");
        assertThat(output)
                .as("no stack trace:\n%s", shown)
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
    }

    /** The application's class path: the test's, without the test classes. */
    private static String applicationClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.replace(File.separator, "/").matches(".*/test-classes/?"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
