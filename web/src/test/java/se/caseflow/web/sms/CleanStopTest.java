package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * A node stopped the normal way (SIGTERM) right after some load: it exits, and its log has no ERROR line: the
 * processors, the deadline scheduler and the SMS inbox stop before the database connections close.
 */
class CleanStopTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("cleanstop");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("cleanstop");
    private static final String USER = "stop-staff";
    private static final String PASSWORD = "stop-staff-password";

    @AfterAll
    static void cleanUp() {
        DATABASE.close();
        REDIS.close();
    }

    @Test
    void aNodeOnPostgresqlStoppedWithSigtermExitsAndLogsNoError() throws Exception {
        Path keys = Files.createTempDirectory("caseflow-stop-keys").resolve("keys.json");
        keys.toFile().deleteOnExit();
        Map<String, String> properties = properties(keys);
        properties.put("spring.profiles.active", "postgres");
        properties.put("spring.datasource.url", DATABASE.jdbcUrl());
        properties.put("spring.datasource.username", DATABASE.username());
        properties.put("spring.datasource.password", DATABASE.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        stopsCleanly(ChildNode.start("stop-postgresql", properties, Path.of(".")));
    }

    /** The default mode: the embedded H2 database under the node's own {@code ./data}. */
    @Test
    void aNodeInTheDefaultModeStoppedWithSigtermExitsAndLogsNoError() throws Exception {
        Path directory = Files.createTempDirectory("caseflow-stop-default");
        stopsCleanly(ChildNode.start("stop-default", properties(directory.resolve("keys.json")), directory));
    }

    private static void stopsCleanly(ChildNode started) throws Exception {
        try (ChildNode node = started.awaitUp(Duration.ofSeconds(180))) {
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> opened = node.postCommand("OpenCase", CommandPayloads.openCase(), USER, PASSWORD);
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
            }
            // commands still arriving while it stops: the processors are reading when the signal comes
            ExecutorService load = Executors.newSingleThreadExecutor();
            Future<?> more = load.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        node.postCommand("OpenCase", CommandPayloads.openCase(), USER, PASSWORD);
                    } catch (IOException stopped) {
                        return null;
                    }
                }
                return null;
            });
            Thread.sleep(500);

            int status = node.stop(Duration.ofSeconds(60));
            more.get(30, TimeUnit.SECONDS);
            load.shutdown();

            List<String> log = node.log();
            String shown = String.join("\n", log);
            assertThat(status).as("exit status after SIGTERM:\n%s", shown).isIn(0, 143);
            assertThat(log).as("the log of a clean stop:\n%s", shown).noneMatch(line -> line.contains(" ERROR "));
            // the order the datasource depends on: the scheduler and the processors stop before the pool closes
            int schedulerStopped = lineOf(log, "Scheduler stopped.");
            int poolClosed = lineOf(log, "Shutdown completed.");
            assertThat(schedulerStopped).as("the scheduler stopped:\n%s", shown).isNotNegative();
            assertThat(poolClosed).as("the connection pool closed:\n%s", shown).isGreaterThan(schedulerStopped);
            assertThat(log.subList(poolClosed, log.size()))
                    .as("nothing read events after the pool closed:\n%s", shown)
                    .noneMatch(line -> line.contains("TrackingEventProcessor"));
        }
    }

    private static int lineOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> properties(Path keys) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("caseflow.redis.uri", REDIS.uri());
        properties.put("caseflow.redis.key-prefix", REDIS.prefix());
        properties.put("caseflow.secrets.generate-if-missing", "true");
        properties.put("caseflow.secrets.key-file", keys.toString());
        // on the postgres profile the generated key file and the SMS outbox need their own permission
        properties.put("caseflow.allow.generated-keys", "true");
        properties.put("caseflow.allow.simulated-sms", "true");
        properties.put("caseflow.security.users[0].name", USER);
        properties.put("caseflow.security.users[0].password-hash", new BCryptPasswordEncoder(4).encode(PASSWORD));
        properties.put("caseflow.security.users[0].roles", "STAFF");
        properties.put("caseflow.uc.enabled", "false");
        properties.put("db-scheduler.polling-interval", "PT1S");
        return properties;
    }
}
