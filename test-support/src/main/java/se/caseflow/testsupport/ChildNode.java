package se.caseflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One caseflow node in a JVM of its own (the application's main class on the test's class path, without
 * the test classes), so a test can kill it for real ({@link Process#destroyForcibly}) and start another, or stop
 * it as a service manager would (SIGTERM).
 */
public final class ChildNode implements AutoCloseable {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ChildNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The settings every child node on PostgreSQL shares: the {@code postgres} profile on {@code database}, Redis at
     * {@code redisUri} under {@code redisPrefix}, a key file generated at {@code keyFile}, a pool of six connections,
     * no UC. A mutable map, for the caller's own settings.
     */
    public static Map<String, String> onPostgres(
            PostgresTestDatabase database, String redisUri, String redisPrefix, Path keyFile) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "postgres");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("caseflow.redis.uri", redisUri);
        properties.put("caseflow.redis.key-prefix", redisPrefix);
        properties.put("caseflow.secrets.generate-if-missing", "true");
        properties.put("caseflow.allow.generated-keys", "true");
        properties.put("caseflow.secrets.key-file", keyFile.toString());
        properties.put("caseflow.uc.enabled", "false");
        return properties;
    }

    public static ChildNode start(String name, Map<String, String> properties) throws IOException {
        return start(name, properties, Path.of("."));
    }

    /** A node whose working directory is {@code directory} (where the default mode keeps {@code ./data}). */
    public static ChildNode start(String name, Map<String, String> properties, Path directory) throws IOException {
        int port = freePort();
        Path log = logFile(name);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath(),
                "se.caseflow.web.CaseflowApplication",
                "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildNode(process, port, log);
    }

    /** Waits until the node answers its health check (or fails with its log). */
    public ChildNode awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The node stopped during start-up:\n" + tail());
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The node did not start within " + timeout + ":\n" + tail());
    }

    public HttpResponse<String> postCommand(String type, String json, String user, String password)
            throws IOException, InterruptedException {
        return post("/api/commands/" + type, json, user, password);
    }

    /** A POST of JSON with a user's Basic credentials. */
    public HttpResponse<String> post(String path, String json, String user, String password)
            throws IOException, InterruptedException {
        return HTTP.send(
                request(path, user, password)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with a user's Basic credentials. */
    public HttpResponse<String> get(String path, String user, String password)
            throws IOException, InterruptedException {
        return HTTP.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Basic " + basic)
                .timeout(Duration.ofSeconds(30));
    }

    /** A forcible kill: no shutdown hooks, no orderly close of anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as a service manager stops it; waits for the JVM to exit and returns its status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The node did not stop within " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** Every line the node logged. */
    public List<String> log() throws IOException {
        return Files.readAllLines(log);
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())) + "\n(the whole log: "
                    + log + ")";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the node's log is kept, also after the test: named in a failure, read by {@link #log()}. */
    public Path logFile() {
        return log;
    }

    /**
     * A new file for a node's log: under the module's {@code target/node-logs/} when run by Surefire (it sets
     * {@code basedir}), kept after the run so that a failed test can be read afterwards; else a temporary file.
     */
    private static Path logFile(String name) throws IOException {
        String basedir = System.getProperty("basedir");
        if (basedir == null) {
            Path log = Files.createTempFile("caseflow-" + name + "-", ".log");
            log.toFile().deleteOnExit();
            return log;
        }
        Path directory = Files.createDirectories(Path.of(basedir, "target", "node-logs"));
        String started = LOG_TIME.format(LocalDateTime.now(ZoneOffset.UTC));
        return Files.createTempFile(directory, started + "-" + name + "-", ".log");
    }

    private static String classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
