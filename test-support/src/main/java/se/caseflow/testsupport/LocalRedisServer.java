package se.caseflow.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Redis server of a test's own: the machine's {@code redis-server} on a free port with a directory of its own,
 * so a test may kill, restart, fill or stall it without touching the shared server. It saves nothing by itself;
 * {@code SAVE} (or {@code DEBUG RELOAD}, which is allowed from this machine) writes its dump, which a restart loads.
 */
public final class LocalRedisServer implements AutoCloseable {

    private static final Pattern ERROR_COUNT = Pattern.compile("errorstat_(\\w+):count=(\\d+)");

    private final int port;
    private final Path directory;
    private Process process;

    private LocalRedisServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /** Starts a server; {@code options} are {@code redis-server} arguments such as {@code "--maxmemory", "1mb"}. */
    public static LocalRedisServer start(String name, String... options) {
        try {
            LocalRedisServer server =
                    new LocalRedisServer(freePort(), Files.createTempDirectory("caseflow-redis-" + name));
            server.launch(options);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Where its dump and log are. */
    public Path directory() {
        return directory;
    }

    /** Runs {@code work} on a connection of its own (any command, even while the server is loading). */
    public <T> T call(Function<RedisCommands<String, String>, T> work) {
        RedisURI uri = RedisURI.create(uri());
        uri.setTimeout(Duration.ofSeconds(30));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** How many error replies with this code ({@code OOM}, {@code LOADING}, ...) the server gave since it started. */
    public long errors(String code) {
        Matcher counts = ERROR_COUNT.matcher(call(redis -> redis.info("errorstats")));
        while (counts.find()) {
            if (counts.group(1).equals(code)) {
                return Long.parseLong(counts.group(2));
            }
        }
        return 0;
    }

    /**
     * How many calls of {@code command} (lower case, such as {@code evalsha}) the server refused or that failed
     * since it started: a sign that a client met the fault a test made.
     */
    public long refusedCalls(String command) {
        Matcher stats = Pattern.compile("cmdstat_" + command + ":.*?rejected_calls=(\\d+),failed_calls=(\\d+)")
                .matcher(call(redis -> redis.info("commandstats")));
        return stats.find() ? Long.parseLong(stats.group(1)) + Long.parseLong(stats.group(2)) : 0;
    }

    /** SIGKILL: gone at once, nothing saved. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: a normal shutdown. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** Starts it again on the same port and directory (loading its dump if there is one) with these options. */
    public void restart(String... options) {
        if (process.isAlive()) {
            kill();
        }
        launch(options);
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(String... options) {
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                directory.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--enable-debug-command",
                "local",
                "--logfile",
                directory.resolve("redis.log").toString()));
        command.addAll(List.of(options));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server could not be started (is it installed?)", e);
        }
        awaitListening();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with " + process.exitValue() + "; see " + directory.resolve("redis.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + " within 20 s");
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on " + port + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
