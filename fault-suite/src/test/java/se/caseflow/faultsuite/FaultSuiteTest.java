package se.caseflow.faultsuite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.ChildNode;
import se.caseflow.testsupport.RedisDump;

/**
 * caseflow on two real nodes under a steady mixed load while its parts fail one after the other: a node is
 * SIGKILLed and started again, PostgreSQL restarts, Redis restarts with and without its data, the Kafka broker
 * stops and starts. When the load has settled every promise is checked on everything the load sent, and the
 * result printed as a table of fault phases and promises (docs/reliability.md#fault-suite).
 */
class FaultSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a restarted server is away: a few seconds, like a restart in production. */
    private static final Duration DOWN = Duration.ofSeconds(3);
    /**
     * Kafka commands sent right before a node dies or the broker stops, so that some are taken but not yet committed
     * and are delivered again.
     */
    private static final int KAFKA_BURST = 30;
    /** How long the suite waits for both nodes' listeners to hold a handled record they could not answer. */
    private static final Duration HOLD_PATIENCE = Duration.ofSeconds(15);

    private static final String KILL = "node SIGKILLed and started again";

    private static final String PREFIX = "caseflow:";
    /** Keys under the prefix that are not the projection's: the ops page, UC's identity cache, the pointer. */
    private static final Predicate<String> PROJECTION_KEY = key -> !key.startsWith("ops/")
            && !key.startsWith("uc-identity/")
            && !key.equals("generation")
            && !key.matches("g\\d+:.*");

    @Test
    void everyPromiseHoldsWhileNodesAndServersAreKilledAndRestartedUnderLoad() throws Exception {
        long started = System.nanoTime();
        try (FaultWorld world = FaultWorld.start();
                KafkaChannel kafka = new KafkaChannel(world.kafka.bootstrapServers())) {
            Ledger ledger = new Ledger();
            Caseflow caseflow = new Caseflow(world);
            MixedLoad load = new MixedLoad(world, caseflow, kafka, ledger);
            UncommittedRecords uncommitted = new UncommittedRecords(new JdbcTemplate(world.database()), kafka);
            String poison = "poison-" + UUID.randomUUID();
            kafka.send(poison, "this is not a command");
            System.out.printf("fault suite: world up after %d s%n", seconds(started));
            try (load) {
                load.start();
                run(load, Duration.ofSeconds(4));
                phase(ledger, load, KILL, () -> {
                    // answers refused: each node's listener handles a record, cannot answer it and holds it
                    // uncommitted; node 1 dies holding one, node 0 retries its own
                    kafka.refuseAnswers(true);
                    load.kafkaBurst(KAFKA_BURST);
                    long holding = System.nanoTime();
                    List<UncommittedRecords.Held> held = uncommitted.await(2, HOLD_PATIENCE);
                    ledger.heldAtKill.put(KILL, held);
                    world.kill(1);
                    kafka.refuseAnswers(false);
                    System.out.printf(
                            "fault suite: node 1 killed while records were handled, not committed (held after %d ms):"
                                    + " %s%n",
                            Duration.ofNanos(System.nanoTime() - holding).toMillis(), held);
                    world.startAgain(1); // the new JVM's start-up is the time without the node
                });
                phase(ledger, load, "PostgreSQL restarted", () -> world.postgres.restart(DOWN));
                phase(ledger, load, "Redis restarted with its data", () -> world.restartRedisWithData(DOWN));
                // late, so that Redis loses a read side that holds most of the run
                phase(ledger, load, "Redis restarted without its data", () -> world.restartRedisEmpty(DOWN));
                phase(ledger, load, "Kafka broker stopped and started", () -> {
                    load.kafkaBurst(KAFKA_BURST);
                    world.kafka.stop();
                    run(load, Duration.ofSeconds(6));
                    world.kafka.startAgain();
                });
            }
            System.out.printf("fault suite: load done after %d s%n", seconds(started));
            settle(world, caseflow, load);
            System.out.printf("fault suite: settled after %d s%n", seconds(started));

            Promises promises = new Promises(ledger, world, kafka);
            promises.commandsOnce();
            promises.redeliveries();
            promises.ucReports();
            promises.smsOnce();
            promises.inboundOnce();
            promises.deadLetters(Set.of(poison));
            promises.kafkaEvents();
            System.out.printf("fault suite: promises checked after %d s%n", seconds(started));
            readSideEqualsRebuild(world, caseflow, promises);

            String table = promises.verdicts().table();
            System.out.printf(
                    "fault suite: %d cases, %d notes, %d SMS (and %d of the sagas' own), %d inbound, %d Kafka commands,"
                            + " %d bids, %d unsettled HTTP commands; %d s%n%s%n",
                    ledger.cases.size(),
                    ledger.notes.values().stream().mapToInt(Set::size).sum(),
                    ledger.sms.size(),
                    promises.sagaSms(),
                    ledger.inbound.size(),
                    ledger.kafka.size(),
                    ledger.bids.size(),
                    ledger.unsettled.size(),
                    seconds(started),
                    table);
            ledger.unsettled.stream().limit(10).forEach(u -> System.out.println("unsettled: " + u));
            // inbound SMS the inbox could not store: spooled on a node's disk, or refused when the disk failed too
            world.logged("SmsSpoolDrainer", "nor spooled").forEach(line -> System.out.println("fault suite: " + line));
            assertThat(promises.verdicts().allKept()).as(table).isTrue();
        }
    }

    private interface Fault {
        void strike() throws Exception;
    }

    /** Load for a few seconds, the fault, and load on until the parts had time to recover. */
    private static void phase(Ledger ledger, MixedLoad load, String name, Fault fault) throws Exception {
        ledger.phase(name);
        run(load, Duration.ofSeconds(2));
        fault.strike();
        run(load, Duration.ofSeconds(6));
    }

    private static void run(MixedLoad load, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            load.adoptKafkaAnswers();
            Thread.sleep(250);
        }
    }

    /**
     * Until every processor is at the head, every bidding closed, every Kafka command answered and no event was added
     * for three seconds (or a minute has passed: then the promises are checked on what is there).
     */
    private static void settle(FaultWorld world, Caseflow caseflow, MixedLoad load) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(world.database());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            load.adoptKafkaAnswers();
            long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            if (count != lastCount) {
                lastCount = count;
                quietSince = System.nanoTime();
            }
            if (processorsAtHead(caseflow)
                    && biddingClosed(jdbc)
                    && load.kafkaAnswered()
                    && System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("fault suite: not settled within a minute; checking what is there");
    }

    /** Every bidding opened has closed: its offers-ready SMS, if any, is asked for (FaultWorld.BIDDING_WINDOW). */
    private static boolean biddingClosed(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                        "SELECT count(DISTINCT aggregateidentifier) FROM domainevententry"
                                + " WHERE payloadtype LIKE '%.BiddingOpened'",
                        Long.class)
                .equals(jdbc.queryForObject(
                        "SELECT count(DISTINCT aggregateidentifier) FROM domainevententry"
                                + " WHERE payloadtype LIKE '%.BiddingClosed'",
                        Long.class));
    }

    private static boolean processorsAtHead(Caseflow caseflow) throws Exception {
        Caseflow.Answer answer = caseflow.ops("/api/ops/processors");
        if (!answer.ok()) {
            return false;
        }
        for (JsonNode processor : JSON.readTree(answer.body()).get("processors")) {
            if (!processor.get("name").asText().endsWith("-rebuild")
                    && processor.path("lag").asLong(1) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The live read side against a rebuild from the first event: the ops rebuild into the next generation, started
     * on one node while the other runs on (it releases its segments for the rebuild, docs/adr/0035).
     */
    private static void readSideEqualsRebuild(FaultWorld world, Caseflow caseflow, Promises promises) throws Exception {
        RedisClient client = RedisClient.create(world.redis.uri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            for (int i = 0; i < 2; i++) {
                ChildNode node = world.node(i);
                JsonNode health =
                        JSON.readTree(caseflow.ops(node, "/actuator/health").body());
                promises.readSideUp(
                        "node " + i, health.at("/components/readSide/status").asText());
                System.out.printf(
                        "fault suite: node %d readSide %s; its rebuilds: %s%n",
                        i,
                        health.at("/components/readSide").toString(),
                        caseflow.ops(node, "/api/ops/rebuilds").body());
            }
            long generation = generation(redis);
            SortedMap<String, String> live = RedisDump.byKey(redis.sync(), prefix(generation), PROJECTION_KEY);
            Caseflow.Answer started = caseflow.opsPost(
                    world.node(0),
                    "/api/ops/rebuilds",
                    JSON.createObjectNode()
                            .put("processor", ProcessingGroups.CASE_PROJECTIONS)
                            .put("reason", "fault suite")
                            .toString());
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String id = JSON.readTree(started.body()).get("id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            JsonNode current;
            do {
                assertThat(System.nanoTime()).as("rebuild " + id + " done").isLessThan(deadline);
                Thread.sleep(500);
                current = JSON.readTree(
                        caseflow.ops(world.node(0), "/api/ops/rebuilds/current").body());
            } while (!Set.of("DONE", "FAILED").contains(current.path("phase").asText()));
            // a rebuild that failed is a broken cell of the table, not the end of the test: the other promises show
            if (promises.rebuilt(current.path("phase").asText().equals("DONE") ? null : current.toString())) {
                Map<String, String> rebuilt = RedisDump.byKey(redis.sync(), prefix(generation(redis)), PROJECTION_KEY);
                promises.readSide(live, rebuilt);
            }
        } finally {
            client.shutdown();
        }
    }

    private static long generation(StatefulRedisConnection<String, String> redis) {
        String value = redis.sync().get(PREFIX + "generation");
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String prefix(long generation) {
        return generation == 0 ? PREFIX : PREFIX + "g" + generation + ":";
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }
}
