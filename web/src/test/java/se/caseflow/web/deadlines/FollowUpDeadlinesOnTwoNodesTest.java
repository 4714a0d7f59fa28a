package se.caseflow.web.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.uc.UcNode;

/**
 * The old scheduler's question, "can it run on several nodes?", answered: two caseflow nodes on one
 * PostgreSQL database, db-scheduler polling every 0.2 s on each, follow-ups scheduled through the command
 * gate on both, and every firing counted (an interceptor on each node's deadline manager). Every follow-up is
 * due exactly once, whichever node fired it; a deadline fired again records nothing; a deadline whose node
 * stopped before it was due is fired by the other; and db-scheduler's table is empty afterwards. Each firing sends
 * {@code MarkFollowUpDue} through the internal gate ({@code CaseDeadlines}), keyed by the deadline's id. Two
 * follow-ups of one case firing on both nodes at once collide like any two commands: the gate sends the loser again,
 * and a firing whose command lost every attempt rolls back and is retried within seconds
 * ({@code DeadlineRetryConfiguration}); only committed firings are counted as fired.
 *
 * <p>Follow-ups are whole days, so one due "a few seconds from now" cannot be asked for through the command.
 * The later ones are therefore scheduled for the day after tomorrow through the command, exactly as staff would, and then
 * their rows in {@code scheduled_tasks} are moved to a few seconds from now: the scheduler sees time pass,
 * nothing else about the deadline (its serialized payload, scope, name) is touched.
 */
class FollowUpDeadlinesOnTwoNodesTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("deadlines");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("deadlines");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEADLINE = "follow-up-due";
    private static final int CASES = 100;

    private static Path keyFile;
    private static Node first;
    private static Node second;
    private static JdbcTemplate jdbc;

    /**
     * A node, the follow-up deadlines it has fired (committed) and the firings it lost to a concurrent change
     * (rolled back, retried by db-scheduler), counted by a handler interceptor on its deadline manager.
     */
    record Node(String name, ConfigurableApplicationContext context, AtomicInteger fired, AtomicInteger collided)
            implements AutoCloseable {

        static Node start(String name) {
            ConfigurableApplicationContext context = UcNode.start(arguments());
            Node node = new Node(name, context, new AtomicInteger(), new AtomicInteger());
            ((DbSchedulerDeadlineManager) context.getBean(DeadlineManager.class))
                    .registerHandlerInterceptor((unitOfWork, chain) -> {
                        DeadlineMessage<?> message = (DeadlineMessage<?>) unitOfWork.getMessage();
                        if (DEADLINE.equals(message.getDeadlineName())) {
                            unitOfWork.afterCommit(u -> node.fired().incrementAndGet());
                            unitOfWork.onRollback(u -> node.collided().incrementAndGet());
                        }
                        return chain.proceed();
                    });
            return node;
        }

        /** Submits through the gate, sending again on {@code concurrent-change} as the API tells a client to. */
        String submit(String type, String payload) {
            try {
                CommandOutcome outcome;
                do {
                    outcome = context.getBean(CommandGate.class)
                            .submit(new CommandRequest(type, JSON.readTree(payload), null, "test"));
                } while (outcome instanceof CommandOutcome.Refused refused
                        && refused.code().equals("concurrent-change"));
                assertThat(outcome).as(type + " on " + name).isInstanceOf(CommandOutcome.Accepted.class);
                return ((CommandOutcome.Accepted) outcome).aggregateId();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private static List<String> arguments() {
        return List.of(
                "--spring.profiles.active=postgres",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.datasource.url=" + DATABASE.jdbcUrl(),
                "--spring.datasource.username=" + DATABASE.username(),
                "--spring.datasource.password=" + DATABASE.password(),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--caseflow.secrets.generate-if-missing=true",
                "--caseflow.allow.generated-keys=true",
                "--caseflow.allow.simulated-sms=true",
                "--caseflow.secrets.key-file=" + keyFile,
                "--caseflow.redis.uri=" + REDIS.uri(),
                "--caseflow.redis.key-prefix=" + REDIS.prefix(),
                "--caseflow.uc.enabled=false",
                "--db-scheduler.polling-interval=PT0.2S");
    }

    @BeforeAll
    static void start() throws Exception {
        keyFile = Files.createTempDirectory("caseflow-deadline-keys").resolve("keys.json");
        keyFile.toFile().deleteOnExit();
        first = Node.start("first");
        second = Node.start("second");
        jdbc = new JdbcTemplate(DATABASE.dataSource());
    }

    @AfterAll
    static void stop() {
        for (Node node : new Node[] {first, second}) {
            if (node != null) {
                node.close();
            }
        }
        DATABASE.close();
        REDIS.close();
    }

    @Test
    void everyFollowUpIsDueExactlyOnceWhicheverNodeFiresIt() throws Exception {
        LocalDate today = LocalDate.now(STOCKHOLM);
        int firstBefore = first.fired().get();
        int secondBefore = second.fired().get();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add((i % 2 == 0 ? first : second).submit("OpenCase", openCase()));
        }

        // two follow-ups per case, one from each node, all at the same time: today, or days already past
        Map<String, String> dueNow = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> submitted = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                String caseId = cases.get(i);
                for (Node node : List.of(first, second)) {
                    String date =
                            today.minusDays((i + node.name().length()) % 3 * 7L).toString();
                    String followUpId = UUID.randomUUID().toString();
                    dueNow.put(followUpId, caseId);
                    submitted.add(
                            pool.submit(() -> node.submit("ScheduleFollowUp", followUp(caseId, followUpId, date))));
                }
            }
            for (Future<?> future : submitted) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dueNow).hasSize(2 * CASES);
        await(() -> dueCounts().keySet().containsAll(dueNow.keySet()));

        // 40 more for the day after tomorrow (a day's margin: the test may cross midnight), then that day comes for
        // the scheduler in 3 seconds
        Map<String, String> later = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String caseId = cases.get(i);
            String followUpId = UUID.randomUUID().toString();
            later.put(followUpId, caseId);
            (i % 2 == 0 ? first : second)
                    .submit(
                            "ScheduleFollowUp",
                            followUp(caseId, followUpId, today.plusDays(2).toString()));
        }
        // selected by follow-up id: no window of time selects them at every hour (at 23:30 in Stockholm, tomorrow is
        // half an hour away)
        int moved = 0;
        for (String followUpId : later.keySet()) {
            moved += jdbc.update(
                    "UPDATE scheduled_tasks SET execution_time = now() + interval '3 seconds'"
                            + " WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                    followUpId);
        }
        assertThat(moved).isEqualTo(40);
        await(() -> dueCounts().keySet().containsAll(later.keySet()));

        // the same deadline fired again (as after a crash between the handler's commit and the row's delete)
        List<String> again = new ArrayList<>(dueNow.keySet()).subList(0, 20);
        DeadlineManager deadlines = second.context().getBean(DeadlineManager.class);
        for (String followUpId : again) {
            String caseId = dueNow.get(followUpId);
            deadlines.schedule(
                    Instant.now(),
                    DEADLINE,
                    "follow-up:" + caseId + ":" + followUpId,
                    new AggregateScopeDescriptor("Case", caseId));
        }
        int firings = 2 * CASES + later.size() + again.size();
        await(() -> first.fired().get() - firstBefore + second.fired().get() - secondBefore >= firings
                && scheduledTasks() == 0);

        Map<String, Integer> dueCounts = dueCounts();
        assertThat(dueCounts.keySet()).containsAll(allOf(dueNow, later));
        assertThat(dueCounts.values()).as("FollowUpDue events per follow-up").containsOnly(1);
        assertThat(scheduledTasks()).isZero();
        int byFirst = first.fired().get() - firstBefore;
        int bySecond = second.fired().get() - secondBefore;
        System.out.printf(
                "Follow-up deadlines fired: %d by the first node, %d by the second (%d follow-ups, %d fired twice);"
                        + " firings lost to a concurrent change and retried: %d%n",
                byFirst,
                bySecond,
                dueNow.size() + later.size(),
                again.size(),
                first.collided().get() + second.collided().get());
        assertThat(byFirst + bySecond).isEqualTo(firings);
        assertThat(byFirst).as("fired by the first node").isPositive();
        assertThat(bySecond).as("fired by the second node").isPositive();
    }

    @Test
    void aDeadlineOfANodeThatStoppedBeforeItWasDueIsFiredByAnother() throws Exception {
        // a day's margin: the deadlines must not fall due by themselves if the test crosses midnight
        String dayAfterTomorrow = LocalDate.now(STOCKHOLM).plusDays(2).toString();
        List<String> followUps = new ArrayList<>();
        String caseId;
        int firedBefore = first.fired().get() + second.fired().get();
        try (Node leaving = Node.start("leaving")) {
            caseId = leaving.submit("OpenCase", openCase());
            for (int i = 0; i < 5; i++) {
                String followUpId = UUID.randomUUID().toString();
                followUps.add(followUpId);
                leaving.submit("ScheduleFollowUp", followUp(caseId, followUpId, dayAfterTomorrow));
            }
            assertThat(leaving.fired().get()).isZero();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                        Integer.class,
                        caseId))
                .as("the stopped node's deadlines are still in the table")
                .isEqualTo(5);

        // that day comes: the remaining nodes fire them
        jdbc.update(
                "UPDATE scheduled_tasks SET execution_time = now() WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                caseId);
        await(() -> dueCounts().keySet().containsAll(followUps) && scheduledTasks() == 0);
        Map<String, Integer> dueCounts = dueCounts();
        assertThat(followUps).allSatisfy(id -> assertThat(dueCounts.get(id)).isEqualTo(1));
        assertThat(first.fired().get() + second.fired().get() - firedBefore).isEqualTo(5);
    }

    private static List<String> allOf(Map<String, String> one, Map<String, String> other) {
        List<String> all = new ArrayList<>(one.keySet());
        all.addAll(other.keySet());
        return all;
    }

    /** followUpId -> number of FollowUpDue events in the event store. */
    private static Map<String, Integer> dueCounts() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query(
                "SELECT convert_from(payload, 'UTF8')::json->>'followUpId' AS id, count(*) AS n FROM domainevententry"
                        + " WHERE payloadtype = 'se.caseflow.domain.api.FollowUpDue' GROUP BY 1",
                row -> {
                    counts.put(row.getString("id"), row.getInt("n"));
                });
        return counts;
    }

    private static int scheduledTasks() {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class);
    }

    private static String followUp(String caseId, String followUpId, String date) {
        return "{\"caseId\": \"" + caseId + "\", \"followUpId\": \"" + followUpId + "\", \"date\": \"" + date
                + "\", \"note\": \"Look again\"}";
    }

    /**
     * The same two nodes changing one case at the same moment collide on the event table (one node's case lock
     * does not reach the other); the gate sends the loser again, so the webhooks and forms that rely on it never
     * pass the collision on.
     */
    @Test
    void aCommandThatLostARaceWithTheOtherNodeIsSentAgainByTheGate() throws Exception {
        String caseId = first.submit("OpenCase", openCase());
        AtomicInteger collisions = new AtomicInteger();
        CommandGate.Observer countCollisions = (type, outcome, nanos) -> {
            if (outcome instanceof CommandOutcome.Refused refused
                    && refused.code().equals("concurrent-change")) {
                collisions.incrementAndGet();
            }
        };
        Node[] nodes = {first, second};
        for (Node node : nodes) {
            node.context().getBean(CommandGate.class).observe(countCollisions);
        }
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(nodes.length);
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CommandOutcome>> outcomes = new ArrayList<>();
                for (Node node : nodes) {
                    CommandRequest note = new CommandRequest(
                            "AddNote",
                            JSON.readTree("{\"caseId\": \"" + caseId + "\", \"text\": \"" + node.name() + " " + round
                                    + "\"}"),
                            null,
                            "test");
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return node.context().getBean(CommandGate.class).submitUntilNoCollision(note, 5);
                    }));
                }
                start.countDown();
                for (Future<CommandOutcome> outcome : outcomes) {
                    assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(CommandOutcome.Accepted.class);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(collisions.get()).as("collisions the gate sent again").isPositive();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                        Integer.class,
                        caseId,
                        "%NoteAdded"))
                .isEqualTo(rounds * nodes.length);
    }

    private static String openCase() {
        return CommandPayloads.openCase();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Up to 120 s, tolerant of a loaded machine; no timing is asserted. */
    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 120 s; FollowUpDue so far: "
                        + dueCounts().size() + ", scheduled_tasks rows: " + scheduledTasks() + ", fired: "
                        + first.fired() + " + " + second.fired() + ", collided: " + first.collided() + " + "
                        + second.collided());
            }
            Thread.sleep(100);
        }
    }
}
