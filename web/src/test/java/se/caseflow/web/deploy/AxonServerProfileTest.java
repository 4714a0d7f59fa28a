package se.caseflow.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.CaseflowApplication;

/**
 * The {@code axonserver} profile's wiring, started without an Axon Server (none can run here): start-up
 * stops at once with one message naming the address and the property, before any Axon component tries
 * to connect; no retry storm.
 */
@ExtendWith(OutputCaptureExtension.class)
class AxonServerProfileTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("axonserver");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("axonserver");

    @AfterAll
    static void cleanUp() {
        REDIS.close();
        DATABASE.close();
    }

    @Test
    void refusesToStartWithOneClearMessageWhenAxonServerIsUnreachable(CapturedOutput output) throws IOException {
        int closedPort = closedPort();
        Path keys = Files.createTempDirectory("caseflow-axonserver-keys");
        SpringApplicationBuilder app =
                new SpringApplicationBuilder(CaseflowApplication.class).profiles("postgres", "axonserver");

        assertThatThrownBy(() -> app.run(
                        "--server.port=0",
                        "--spring.datasource.url=" + DATABASE.jdbcUrl(),
                        "--spring.datasource.username=" + DATABASE.username(),
                        "--spring.datasource.password=" + DATABASE.password(),
                        "--caseflow.redis.uri=" + REDIS.uri(),
                        "--caseflow.redis.key-prefix=" + REDIS.prefix(),
                        "--caseflow.secrets.generate-if-missing=true",
                        "--caseflow.allow.generated-keys=true",
                        "--caseflow.allow.simulated-sms=true",
                        "--caseflow.secrets.key-file=" + keys.resolve("keys.json"),
                        "--caseflow.uc.enabled=false",
                        "--axon.axonserver.servers=127.0.0.1:" + closedPort))
                .rootCause()
                .hasMessageContaining("Axon Server is not reachable at 127.0.0.1:" + closedPort)
                .hasMessageContaining("axon.axonserver.servers");

        assertThat(output.getAll()).doesNotContain("Connecting to AxonServer node");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
