package se.caseflow.faultsuite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.FakeTwilio;
import se.caseflow.testsupport.LocalRedisServer;
import se.caseflow.uc.UcSimulator;

/**
 * Everything the fault suite starts, and stops again even when the test fails: a PostgreSQL, a Redis and a Kafka
 * broker of its own, the UC and Twilio fakes, and two caseflow nodes as child JVMs sharing them.
 */
final class FaultWorld implements AutoCloseable {

    static final String STAFF = "fault-staff";
    static final String STAFF_PASSWORD = "fault-staff-password";
    static final String OPS = "fault-ops";
    static final String OPS_PASSWORD = "fault-ops-password";
    static final String PARTNER = "fault-partner";
    static final String PARTNER_PASSWORD = "fault-partner-password";
    static final String PARTNER_ID = "fault-bank";
    static final String TWILIO_ACCOUNT = "AC" + "fa017000".repeat(4);
    static final String TWILIO_TOKEN = "fault-suite-twilio-token";
    static final String PUBLIC_BASE_URL = "https://caseflow.example.se";
    static final String TWILIO_FROM = "+46766860000";
    /** Triggers of a UC report older than this are never acted on. */
    static final Duration UC_MAX_EVENT_AGE = Duration.ofSeconds(60);
    /**
     * Short, so that bidding closes for the cases the partner bid on during the run and the bidding saga sends its
     * own SMS (offers-ready) under the faults too.
     */
    static final Duration BIDDING_WINDOW = Duration.ofSeconds(20);

    private static final Duration START = Duration.ofSeconds(150);
    /** Where the nodes' logs are kept when the world closes. */
    private static final Path LOGS = Path.of("target", "fault-suite-logs");

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Path directory;
    final OwnPostgres postgres;
    final LocalRedisServer redis;
    final OwnKafka kafka;
    final FakeTwilio twilio;
    final UcSimulator uc;
    private final Map<String, String> properties;
    private final List<ChildNode> nodes = new CopyOnWriteArrayList<>(new ChildNode[2]);
    /** Every node started, a killed one's too. */
    private final List<ChildNode> started = new CopyOnWriteArrayList<>();

    private FaultWorld() throws Exception {
        directory = Files.createTempDirectory("caseflow-fault-suite");
        toClose.push(this::deleteDirectory);
        postgres = closing(OwnPostgres.start(directory));
        redis = closing(LocalRedisServer.start("fault-suite"));
        kafka = closing(OwnKafka.start());
        twilio = closing(FakeTwilio.start(TWILIO_ACCOUNT, TWILIO_TOKEN));
        uc = closing(UcSimulator.forTests().remarks(false));
        properties = properties();
    }

    /** Starts the world; on any failure what was started is stopped again. */
    static FaultWorld start() throws Exception {
        FaultWorld world = null;
        try {
            world = new FaultWorld();
            world.startNodes();
            return world;
        } catch (Exception | AssertionError e) {
            if (world != null) {
                world.close();
            }
            throw e;
        }
    }

    List<ChildNode> nodes() {
        return nodes;
    }

    ChildNode node(int index) {
        return nodes.get(index);
    }

    DataSource database() {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(), "postgres", "");
    }

    /** SIGKILL: no shutdown hook, nothing closed in order. */
    void kill(int index) throws InterruptedException {
        nodes.get(index).kill();
    }

    /** A new JVM in the place of node {@code index}, up and answering. */
    void startAgain(int index) throws IOException, InterruptedException {
        ChildNode node = ChildNode.start("fault-node-" + index, properties(index));
        nodes.set(index, node);
        started(node);
        node.awaitUp(START);
    }

    /** {@code SHUTDOWN SAVE}, {@code down} without Redis, a start that loads the dump (caseflow meets LOADING). */
    void restartRedisWithData(Duration down) throws InterruptedException {
        redis.call(r -> {
            r.shutdown(true);
            return null;
        });
        redis.stop();
        Thread.sleep(down.toMillis());
        redis.restart();
    }

    /** Killed, its dump deleted, {@code down} without Redis, started empty: all the read side held is gone. */
    void restartRedisEmpty(Duration down) throws IOException, InterruptedException {
        redis.kill();
        Files.deleteIfExists(redis.directory().resolve("dump.rdb"));
        Thread.sleep(down.toMillis());
        redis.restart();
    }

    private void startNodes() throws IOException, InterruptedException {
        // the first node creates the key file the second one reads (Flyway's lock orders the schema's creation)
        ChildNode first = ChildNode.start("fault-node-0", properties(0));
        nodes.set(0, first);
        started(first);
        Path keys = Path.of(properties.get("caseflow.secrets.key-file"));
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.exists(keys) && first.alive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ChildNode second = ChildNode.start("fault-node-1", properties(1));
        nodes.set(1, second);
        started(second);
        first.awaitUp(START);
        second.awaitUp(START);
    }

    private void started(ChildNode node) {
        toClose.push(node);
        started.add(node);
    }

    /** What every node started so far logged (a killed one too) in lines that contain one of {@code texts}. */
    List<String> logged(String... texts) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ChildNode node : started) {
            node.log().stream()
                    .filter(line -> Stream.of(texts).anyMatch(line::contains))
                    .forEach(lines::add);
        }
        return lines;
    }

    /**
     * Every node's log (a killed one's too) copied into {@link #LOGS} as {@code node-started-<i>.log}, in the order
     * they were started (0 and 1, then 1's replacement), to look into a broken promise after the suite is gone.
     */
    private void keepLogs() throws IOException {
        Files.createDirectories(LOGS);
        for (int i = 0; i < started.size(); i++) {
            Files.write(
                    LOGS.resolve("node-started-" + i + ".log"), started.get(i).log());
        }
    }

    /** Node {@code index}'s settings: the shared ones, and a disk of its own for inbound SMS (docs/adr/0034). */
    private Map<String, String> properties(int index) {
        Map<String, String> node = new LinkedHashMap<>(properties);
        node.put(
                "caseflow.twilio.inbound-spool-dir",
                directory.resolve("sms-spool-" + index).toString());
        return node;
    }

    private Map<String, String> properties() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.profiles.active", "postgres");
        p.put("spring.main.banner-mode", "off");
        p.put("spring.datasource.url", postgres.jdbcUrl());
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("spring.datasource.hikari.maximum-pool-size", "8");
        p.put("caseflow.redis.uri", redis.uri());
        p.put("caseflow.redis.key-prefix", "caseflow:");
        p.put("caseflow.secrets.generate-if-missing", "true");
        p.put("caseflow.allow.generated-keys", "true");
        p.put("caseflow.allow.plain-http-uc", "true");
        p.put("caseflow.secrets.key-file", directory.resolve("keys.json").toString());
        user(p, 0, STAFF, bcrypt.encode(STAFF_PASSWORD), "STAFF");
        user(p, 1, OPS, bcrypt.encode(OPS_PASSWORD), "OPS");
        user(p, 2, PARTNER, bcrypt.encode(PARTNER_PASSWORD), "PARTNER");
        p.put("caseflow.security.users[2].partner", PARTNER_ID);
        p.put("caseflow.bidding.window", BIDDING_WINDOW.toString());
        p.put("caseflow.bidding.partners[0].id", PARTNER_ID);
        p.put("caseflow.bidding.partners[0].name", "Fault Bank");
        p.put("caseflow.bidding.partners[0].min-amount-sek", "10000");
        p.put("caseflow.bidding.partners[0].max-amount-sek", "800000");
        p.put("caseflow.bidding.partners[0].min-term-months", "12");
        p.put("caseflow.bidding.partners[0].max-term-months", "120");
        p.put("caseflow.bidding.partners[0].minimum-risk-class", "2");
        p.put("caseflow.uc.endpoint", uc.endpoint().toString());
        p.put("caseflow.uc.user-id", "ABC12");
        p.put("caseflow.uc.password", "XY");
        p.put("caseflow.uc.connect-timeout", "PT2S");
        p.put("caseflow.uc.read-timeout", "PT10S");
        p.put("caseflow.uc.max-event-age", UC_MAX_EVENT_AGE.toString());
        p.put("caseflow.twilio.account-sid", TWILIO_ACCOUNT);
        p.put("caseflow.twilio.auth-token", TWILIO_TOKEN);
        p.put("caseflow.twilio.from", TWILIO_FROM);
        p.put("caseflow.twilio.public-base-url", PUBLIC_BASE_URL);
        p.put("caseflow.twilio.api-base-url", twilio.baseUrl());
        p.put("caseflow.twilio.read-timeout", "PT10S");
        p.put("caseflow.kafka.enabled", "true");
        p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("caseflow.kafka.send-timeout", "PT5S");
        // a dead node's segments are taken over within seconds
        p.put("axon.eventhandling.tokenstore.claim-timeout", "PT3S");
        p.put("db-scheduler.polling-interval", "PT1S");
        p.put("logging.level.root", "WARN");
        // what became of each inbound SMS (routed, waiting, dropped) when "inbound once" fails
        p.put("logging.level.se.caseflow.web.sms", "INFO");
        return p;
    }

    private static void user(Map<String, String> p, int index, String name, String hash, String role) {
        p.put("caseflow.security.users[" + index + "].name", name);
        p.put("caseflow.security.users[" + index + "].password-hash", hash);
        p.put("caseflow.security.users[" + index + "].roles", role);
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.push(resource);
        return resource;
    }

    @Override
    public void close() {
        try {
            keepLogs();
        } catch (IOException e) {
            System.err.println("fault suite: logs not kept: " + e);
        }
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("fault suite clean-up: " + e);
            }
        }
    }

    private void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
