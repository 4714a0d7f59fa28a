package se.caseflow.faultsuite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the suite's own, from the machine's binaries ({@code /usr/lib/postgresql/<n>/bin}), in a
 * data directory under the suite's temporary directory, on a free port: the suite may stop, restart and kill it
 * without touching the shared server. PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} OS user.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port;

    private OwnPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    static OwnPostgres start(Path directory) throws IOException, InterruptedException {
        Path data = directory.resolve("pg");
        Files.createDirectories(data);
        OwnPostgres postgres = new OwnPostgres(binaries(), data, FreePorts.next());
        if (root()) {
            run(List.of("chown", "-R", "postgres", directory.toString()));
        }
        postgres.pg("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        postgres.start();
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException, InterruptedException {
        pg(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                data.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                "start");
    }

    /** A fast shutdown (open sessions are ended), {@code down} without a server, a start on the same data and port. */
    void restart(Duration down) throws IOException, InterruptedException {
        pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
        Thread.sleep(down.toMillis());
        start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    private void pg(String tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed major version's binaries. */
    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(
                            b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL under /usr/lib/postgresql/*/bin"));
        }
    }
}
