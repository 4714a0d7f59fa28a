package se.caseflow.web.uc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.uc.UcSimulator;

/**
 * The node is killed (SIGKILL, a separate JVM) while UC holds its credit-report request: the reservation
 * was committed, the answer never recorded. A fresh node, started on the same database, gets the trigger
 * again, finds the reservation, and marks the case {@code credit-check-unknown} for a person: UC is not
 * asked again.
 */
class CrashBetweenReservationAndAnswerTest {

    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("uccrash");
    static final RedisTestPrefix REDIS = RedisTestPrefix.create("uccrash");
    static final UcSimulator UC = UcSimulator.forTests();
    static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void cleanUp() {
        UC.close();
        DATABASE.close();
        REDIS.close();
    }

    @Test
    void aCrashBetweenReservationAndAnswerLeavesTheCaseUnknownAndUcIsNeverAskedAgain() throws Exception {
        Path keyFile = Files.createTempDirectory("caseflow-crash-keys").resolve("keys.json");
        String personalNumber = UcNodes.personalNumber(4242);
        String ref = UcNodes.objectRef(personalNumber);
        JdbcTemplate jdbc = new JdbcTemplate(DATABASE.dataSource());
        UC.behave("individualReport", UcSimulator.Behaviour.HOLD);

        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                UcNode.class.getName()));
        command.addAll(UcNodes.arguments(DATABASE, REDIS, UC, keyFile, "PT300S").stream()
                .map(a -> a.equals("--server.port=0") ? "--server.port=" + port : a)
                .toList());
        File log = new File("target/crash-node-" + port + ".log");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        String caseId;
        try {
            HttpClient http = HttpClient.newHttpClient();
            UcNodes.await(() -> child.isAlive() && healthy(http, port));
            caseId = open(http, port, personalNumber);
            assertThat(UC.awaitHeld(Duration.ofSeconds(120)))
                    .as("UC received the report request")
                    .isTrue();
            assertThat(UcNodes.eventTypes(jdbc, caseId))
                    .containsExactly("CaseOpened", "IdentityVerified", "CreditCheckReserved");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed, not shut down").isNotZero();
        assertThat(UC.count("individualReport", ref)).isEqualTo(1);
        // were it asked again, UC would answer now
        UC.behave("individualReport", UcSimulator.Behaviour.ANSWER);

        try (ConfigurableApplicationContext fresh =
                UcNode.start(UcNodes.arguments(DATABASE, REDIS, UC, keyFile, "PT5S"))) {
            JsonNode doc = UcNodes.awaitDocument(
                    fresh.getBean(ProjectionReader.class),
                    caseId,
                    d -> UcNodes.status(d).equals("credit-check-unknown"));
            assertThat(doc.at("/checks/applicant/detail").asText())
                    .isEqualTo("an earlier attempt reserved the check and its outcome was not recorded");
        }
        assertThat(UcNodes.eventTypes(jdbc, caseId))
                .containsExactly("CaseOpened", "IdentityVerified", "CreditCheckReserved", "CreditCheckOutcomeUnknown");
        assertThat(UC.count("individualReport", ref)).isEqualTo(1);
        assertThat(UC.count("identityCheck", ref)).isEqualTo(1);
    }

    private static boolean healthy(HttpClient http, int port) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String open(HttpClient http, int port, String personalNumber) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((UcNodes.STAFF + ":" + UcNodes.STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/commands/OpenCase"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(UcNodes.openCase(personalNumber)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("caseId").asText();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
