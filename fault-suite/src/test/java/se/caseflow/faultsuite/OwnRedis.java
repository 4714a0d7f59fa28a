package se.caseflow.faultsuite;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the suite's own on a free port, its dump file under the suite's temporary directory: restarted
 * with its data (saved on shutdown, loaded at start) or without it (killed and its file removed).
 */
final class OwnRedis implements AutoCloseable {

    private final Path directory;
    private final int port;
    private Process process;

    private OwnRedis(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static OwnRedis start(Path parent) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(parent.resolve("redis"));
        OwnRedis redis = new OwnRedis(directory, FreePorts.next());
        redis.start();
        return redis;
    }

    String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** {@code SHUTDOWN SAVE}, {@code down} without a server, then a new one that loads the dump. */
    void restartWithData(Duration down) throws IOException, InterruptedException {
        new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "shutdown", "save")
                .redirectErrorStream(true)
                .start()
                .waitFor();
        process.waitFor();
        Thread.sleep(down.toMillis());
        start();
    }

    /** Killed, its dump removed, {@code down} without a server, started empty: everything it held is gone. */
    void restartEmpty(Duration down) throws IOException, InterruptedException {
        kill();
        Files.deleteIfExists(directory.resolve("dump.rdb"));
        Thread.sleep(down.toMillis());
        start();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        directory.toString(),
                        "--dbfilename",
                        "dump.rdb",
                        "--save",
                        "",
                        "--appendonly",
                        "no"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }
}
