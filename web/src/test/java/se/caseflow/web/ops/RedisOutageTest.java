package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScriptOutputType;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.TestRedis;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * The read side on a Redis server of its own that the test makes refuse writes for real, one way at a time: each
 * error is an outage that the case projection waits out (the note arrives once Redis is back, nothing is
 * dead-lettered), while an event the projection cannot apply is still dead-lettered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
class RedisOutageTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("redis_outage");
    private static final TestRedis REDIS = TestRedis.ownServer("redis-outage");
    private static final String PROCESSOR = "/api/ops/processors/" + ProcessingGroups.CASE_PROJECTIONS;

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
    }

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @Test
    void outOfMemoryIsWaitedOut() {
        waitsOut("OOM", "maxmemory 1", () -> config("maxmemory", "1"), () -> config("maxmemory", "0"));
    }

    @Test
    void aReadOnlyReplicaIsWaitedOut() {
        waitsOut(
                "READONLY",
                "replica of a master that is not there",
                () -> REDIS.server().call(redis -> redis.replicaof("127.0.0.1", 9)),
                () -> REDIS.server().call(redis -> redis.replicaofNoOne()));
    }

    @Test
    void aReplicaCutOffFromItsMasterIsWaitedOut() {
        waitsOut(
                "MASTERDOWN",
                "replica serving no stale data",
                () -> {
                    config("replica-serve-stale-data", "no");
                    return REDIS.server().call(redis -> redis.replicaof("127.0.0.1", 9));
                },
                () -> {
                    REDIS.server().call(redis -> redis.replicaofNoOne());
                    return config("replica-serve-stale-data", "yes");
                });
    }

    @Test
    void loadingItsDataIsWaitedOut() throws Exception {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        awaitVersion(caseId, 1);
        long letters = deadLetters(client);
        long before = REDIS.server().errors("LOADING");
        long refused = refusedProjectionCalls();
        // enough keys, loaded 1 ms each and answering others meanwhile, to keep Redis loading for about 2 s
        config("key-load-delay", "1000");
        config("loading-process-events-interval-bytes", "1024");
        REDIS.server()
                .call(redis -> redis.eval(
                        "for i = 1, 2000 do redis.call('SET', 'filler:' .. i, 'x') end", ScriptOutputType.STATUS));
        CompletableFuture<String> reload =
                CompletableFuture.supplyAsync(() -> REDIS.server().call(redis -> redis.debugReload()));
        OpsClient.await(
                "Redis loading",
                () -> REDIS.server().call(redis -> redis.info("persistence")).contains("loading:1")
                        ? Optional.of(true)
                        : Optional.empty());

        client.command("AddNote", note(caseId, "while loading"));
        OpsClient.await(
                "the projection meeting LOADING",
                () -> REDIS.server().errors("LOADING") > before && refusedProjectionCalls() > refused
                        ? Optional.of(true)
                        : Optional.empty());
        assertThat(reload.get()).isEqualTo("OK");

        awaitVersion(caseId, 2);
        assertThat(deadLetters(client)).isEqualTo(letters);
    }

    @Test
    void aRedisKilledAndStartedAgainIsWaitedOut() {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        awaitVersion(caseId, 1);
        long letters = deadLetters(client);
        REDIS.server().call(redis -> redis.save());
        REDIS.server().kill();
        try {
            client.command("AddNote", note(caseId, "while Redis is gone"));
            // connection refused, then the projection's command times out: the processor is in error, retrying
            OpsClient.await(
                    "the projection failing",
                    () -> client.get(PROCESSOR).path("errors").isEmpty() ? Optional.empty() : Optional.of(true));
        } finally {
            REDIS.server().restart();
        }

        awaitVersion(caseId, 2);
        assertThat(deadLetters(client)).isEqualTo(letters);
    }

    @Test
    void aBusyScriptIsWaitedOut() throws Exception {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        awaitVersion(caseId, 1);
        long letters = deadLetters(client);
        long before = REDIS.server().errors("BUSY");
        long refused = refusedProjectionCalls();
        config("busy-reply-threshold", "10");
        CompletableFuture<Object> busy = CompletableFuture.supplyAsync(
                () -> REDIS.server().call(redis -> redis.eval("while true do end", ScriptOutputType.STATUS)));
        busy.exceptionally(killed -> null);

        client.command("AddNote", note(caseId, "while busy"));
        // Redis answers nothing but BUSY (not even INFO) while the script runs: give the projection a moment
        Thread.sleep(1500);
        REDIS.server().call(redis -> redis.scriptKill());
        assertThat(REDIS.server().errors("BUSY")).as("Redis answered BUSY").isGreaterThan(before);
        assertThat(refusedProjectionCalls()).as("the projection met it").isGreaterThan(refused);

        awaitVersion(caseId, 2);
        assertThat(deadLetters(client)).isEqualTo(letters);
    }

    @Test
    void anEventTheProjectionCannotApplyIsStillDeadLettered() {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        awaitVersion(caseId, 1);
        long before = deadLetters(client);
        REDIS.server().call(redis -> redis.set(REDIS.prefix() + "case/" + caseId, "{not json"));

        client.command("AddNote", note(caseId, "poisoned"));

        OpsClient.await(
                "the note dead-lettered",
                () -> deadLetters(client) == before + 1 ? Optional.of(true) : Optional.empty());
    }

    /** A note sent while {@code start} holds: Redis refuses it with {@code code}, then {@code end} lifts that. */
    private void waitsOut(String code, String fault, Supplier<?> start, Supplier<?> end) {
        OpsClient client = new OpsClient(http);
        String caseId = client.openCase("19121212-1212", "Tolvan");
        awaitVersion(caseId, 1);
        long letters = deadLetters(client);
        long before = REDIS.server().errors(code);
        long refused = refusedProjectionCalls();
        start.get();
        try {
            client.command("AddNote", note(caseId, "during " + fault));
            OpsClient.await(
                    "the projection meeting " + code,
                    () -> REDIS.server().errors(code) > before && refusedProjectionCalls() > refused
                            ? Optional.of(true)
                            : Optional.empty());
        } finally {
            end.get();
        }
        awaitVersion(caseId, 2);
        assertThat(deadLetters(client)).as("dead letters after " + fault).isEqualTo(letters);
    }

    /**
     * The projection reads a case's document ({@code GET}) and applies the event ({@code EVALSHA}); nothing else runs
     * in this application while a fault holds, so refused calls of these are the projection meeting it.
     */
    private static long refusedProjectionCalls() {
        return REDIS.server().refusedCalls("get") + REDIS.server().refusedCalls("evalsha");
    }

    private static String config(String name, String value) {
        return REDIS.server().call(redis -> redis.configSet(name, value));
    }

    private long deadLetters(OpsClient client) {
        return client.get(PROCESSOR).get("deadLetters").asLong();
    }

    private void awaitVersion(String caseId, long version) {
        OpsClient.await(
                "case " + caseId + " at version " + version,
                () -> reader.document("case/" + caseId).filter(d -> d.version() == version));
    }

    private static String note(String caseId, String text) {
        return "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}";
    }
}
