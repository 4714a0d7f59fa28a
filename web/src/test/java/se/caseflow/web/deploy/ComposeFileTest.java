package se.caseflow.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml must parse: Compose's own {@code config} command reads and validates it without an
 * engine. The build installs a Compose client before the tests when the machine has none
 * (tools/ensure-test-tools.sh).
 */
class ComposeFileTest {

    private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

    @Test
    void composeFileParsesAndDeclaresTheWholeStack() throws Exception {
        assertThat(COMPOSE_FILE).exists();
        Result services = compose("config", "--services");

        assertThat(services.exitCode()).as(services.output()).isZero();
        assertThat(services.output().lines().map(String::trim))
                .containsExactlyInAnyOrder("caseflow", "postgres", "redis", "kafka", "axonserver");
    }

    @Test
    void composeRefusesToRunWithoutTheRequiredSecrets() throws Exception {
        Result result = compose(List.of(), "config", "--quiet");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("CASEFLOW_DB_PASSWORD");
    }

    @Test
    void composeRefusesToRunWithoutAnAxonServerToken() throws Exception {
        Result result = compose(
                List.of("CASEFLOW_DB_PASSWORD=test", "CASEFLOW_SECRETS_KEY_FILE=/dev/null"), "config", "--quiet");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("AXONSERVER_TOKEN");
    }

    @Test
    void adminPortsListenOnThisHostOnlyAxonServerChecksTheTokenAndUcIsNotSimulated() throws Exception {
        Map<String, Map<String, Object>> services = services();

        assertThat(ports(services, "axonserver"))
                .containsExactlyInAnyOrder("127.0.0.1:8024:8024/tcp", "127.0.0.1:8124:8124/tcp");
        for (String quiet : List.of("postgres", "redis", "kafka")) {
            assertThat(ports(services, quiet)).as(quiet + " publishes no port").isEmpty();
        }
        assertThat(environment(services, "axonserver"))
                .containsEntry("AXONIQ_AXONSERVER_ACCESSCONTROL_ENABLED", "true")
                .containsEntry("AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN", "axon-token");
        assertThat(environment(services, "caseflow"))
                .containsEntry("AXON_AXONSERVER_TOKEN", "axon-token")
                .containsEntry("CASEFLOW_UC_SIMULATOR", "false")
                .containsEntry("CASEFLOW_ALLOW_SIMULATED_UC", "false")
                .containsEntry("CASEFLOW_ALLOW_SIMULATED_SMS", "false")
                .containsEntry("SPRING_PROFILES_ACTIVE", "postgres,axonserver");
    }

    /** Only caseflow creates its topics, with their retention: the broker makes none for the first producer. */
    @Test
    void kafkaCreatesNoTopicOfItsOwnSoCaseCommandsAlwaysHasItsRetention() throws Exception {
        Map<String, Map<String, Object>> services = services();

        assertThat(environment(services, "kafka")).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    /** The services as Compose's {@code config} resolves them. */
    private static Map<String, Map<String, Object>> services() throws Exception {
        Result config = compose("config");
        assertThat(config.exitCode()).as(config.output()).isZero();
        return new Yaml()
                .<Map<String, Map<String, Map<String, Object>>>>load(config.output())
                .get("services");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(Map<String, Map<String, Object>> services, String service) {
        return ((List<Object>) services.get(service).getOrDefault("ports", List.of()))
                .stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Map<String, Object>> services, String service) {
        return (Map<String, String>) services.get(service).get("environment");
    }

    private record Result(int exitCode, String output) {}

    private static Result compose(String... arguments) throws Exception {
        return compose(
                List.of(
                        "CASEFLOW_DB_PASSWORD=test",
                        "CASEFLOW_SECRETS_KEY_FILE=/dev/null",
                        "AXONSERVER_TOKEN=axon-token"),
                arguments);
    }

    private static Result compose(List<String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", COMPOSE_FILE.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CASEFLOW_DB_PASSWORD");
        builder.environment().remove("CASEFLOW_SECRETS_KEY_FILE");
        builder.environment().remove("AXONSERVER_TOKEN");
        for (String variable : environment) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("compose finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    /** Compose v2 as a docker plugin where there is one, else the standalone docker-compose. */
    private static List<String> composeCommand() throws IOException, InterruptedException {
        if (succeeds("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (succeeds("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        throw new IllegalStateException(
                "Neither 'docker compose' nor 'docker-compose' is installed; tools/ensure-test-tools.sh installs docker-compose");
    }

    private static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
