package se.caseflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.lang.management.ManagementFactory;
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
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * Follow-up deadlines due at once: N ScheduleFollowUp commands for today through the command gate, each
 * committing {@code FollowUpScheduled} and its deadline row, fired by the app's db-scheduler
 * ({@code DbSchedulerDeadlineManager}) into {@code FollowUpDue}. Latency per follow-up: from its
 * {@code FollowUpScheduled} (the moment its already-due deadline was committed) to its {@code FollowUpDue}, both
 * event timestamps. Throughput: follow-ups per second from the first schedule to the last firing.
 *
 * <p>Baseline in the same run, on the same database: plain db-scheduler one-time tasks (no Axon) with the app's
 * polling interval and thread count, in a table of their own, scheduled due now from the same number of threads;
 * latency from schedule to execution.
 *
 * <p>Arguments: {@code followUps=N cases=C threads=T} (defaults 2000, 200, 8).
 */
public final class DeadlineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEDULED = "se.caseflow.domain.api.FollowUpScheduled";
    private static final String DUE = "se.caseflow.domain.api.FollowUpDue";

    private DeadlineBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("followUps", 2000, "cases", 200, "threads", 8));
        int followUps = options.get("followUps");
        int cases = options.get("cases");
        int threads = options.get("threads");
        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app = BenchApplication.start(database, redis);
            try {
                Duration polling = app.getEnvironment().getProperty("db-scheduler.polling-interval", Duration.class);
                int schedulerThreads = app.getEnvironment().getProperty("db-scheduler.threads", Integer.class, 10);
                JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
                LatencyRecorder.Result baseline =
                        baseline(app.getBean(DataSource.class), jdbc, followUps, threads, polling, schedulerThreads);
                List<LatencyRecorder.Result> rows = new ArrayList<>(List.of(baseline));
                rows.addAll(followUps(app, jdbc, followUps, cases, threads));
                Report.print(
                        "Deadlines due at once on PostgreSQL (polling " + polling + ", " + schedulerThreads
                                + " scheduler threads)",
                        rows,
                        baseline);
                System.out.println("FollowUpDue events: "
                        + jdbc.queryForObject(
                                "SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Integer.class, DUE)
                        + " for " + followUps + " follow-ups; scheduled_tasks rows left: "
                        + jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class));
                Report.memory(ManagementFactory.getMemoryMXBean());
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    private static LatencyRecorder.Result baseline(
            DataSource dataSource, JdbcTemplate jdbc, int count, int threads, Duration polling, int schedulerThreads)
            throws Exception {
        jdbc.execute("CREATE TABLE bench_scheduled_tasks (LIKE scheduled_tasks INCLUDING ALL)");
        Map<String, Long> executedAt = new ConcurrentHashMap<>();
        OneTimeTask<Void> task = Tasks.oneTime("bench-baseline")
                .execute((instance, context) -> executedAt.put(instance.getId(), System.nanoTime()));
        Scheduler scheduler = Scheduler.create(dataSource, task)
                .tableName("bench_scheduled_tasks")
                .pollingInterval(polling)
                .threads(schedulerThreads)
                .build();
        scheduler.start();
        try {
            Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            LoadRunner.run("baseline", count, threads, i -> {
                String id = "task-" + i;
                scheduledAt.put(id, System.nanoTime());
                scheduler.schedule(task.instance(id), Instant.now());
            });
            awaitCount(executedAt::size, count, "baseline tasks executed");
            LatencyRecorder latencies = new LatencyRecorder(count);
            long last = 0;
            for (Map.Entry<String, Long> executed : executedAt.entrySet()) {
                last = Math.max(last, executed.getValue());
                latencies.record(executed.getValue() - scheduledAt.get(executed.getKey()));
            }
            return latencies.summarise(
                    "baseline: plain db-scheduler one-time tasks due now, schedule -> executed", last - start);
        } finally {
            scheduler.stop();
        }
    }

    /** The commands' own latency and throughput, then schedule -> due per follow-up. */
    private static List<LatencyRecorder.Result> followUps(
            ConfigurableApplicationContext app, JdbcTemplate jdbc, int count, int cases, int threads) throws Exception {
        CommandGate gate = app.getBean(CommandGate.class);
        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            caseIds.add(submit(gate, "OpenCase", (ObjectNode) JSON.readTree(TestPeople.openCase(i))));
        }
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        Instant startedAt = Instant.now();
        LatencyRecorder.Result commands = LoadRunner.run(
                "ScheduleFollowUp for today through the gate (" + threads + " threads)", count, threads, i -> {
                    ObjectNode payload = JSON.createObjectNode()
                            .put("caseId", caseIds.get(i % cases))
                            .put("followUpId", UUID.randomUUID().toString())
                            .put("date", today)
                            .put("note", "Follow-up " + i);
                    submit(gate, "ScheduleFollowUp", payload);
                });
        awaitCount(
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Integer.class, DUE),
                count,
                "FollowUpDue events");
        Map<String, Instant> scheduled = timestamps(jdbc, SCHEDULED);
        Map<String, Instant> due = timestamps(jdbc, DUE);
        LatencyRecorder latencies = new LatencyRecorder(count);
        Instant last = startedAt;
        for (Map.Entry<String, Instant> fired : due.entrySet()) {
            last = fired.getValue().isAfter(last) ? fired.getValue() : last;
            latencies.record(Duration.between(scheduled.get(fired.getKey()), fired.getValue())
                    .toNanos());
        }
        long wall = Duration.between(startedAt, last).toNanos();
        return List.of(
                commands,
                latencies.summarise(
                        "FollowUpScheduled -> FollowUpDue, first schedule to last firing (DbSchedulerDeadlineManager)",
                        wall));
    }

    private static String submit(CommandGate gate, String type, ObjectNode payload) {
        CommandOutcome outcome = gate.submit(new CommandRequest(type, payload, null, "bench"));
        if (!(outcome instanceof CommandOutcome.Accepted accepted)) {
            throw new IllegalStateException("Gate refused " + type + ": " + outcome);
        }
        return accepted.aggregateId();
    }

    /** followUpId -> the event's timestamp (Axon stores it as an ISO-8601 string). */
    private static Map<String, Instant> timestamps(JdbcTemplate jdbc, String payloadType) {
        Map<String, Instant> timestamps = new HashMap<>();
        jdbc.query(
                "SELECT convert_from(payload, 'UTF8')::json->>'followUpId' AS id, timestamp FROM domainevententry"
                        + " WHERE payloadtype = ?",
                row -> {
                    timestamps.put(row.getString("id"), Instant.parse(row.getString("timestamp")));
                },
                payloadType);
        return timestamps;
    }

    interface Count {
        int get();
    }

    private static void awaitCount(Count count, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + count.get() + " of " + expected + " " + what + " within 10 minutes");
            }
            Thread.sleep(10);
        }
    }
}
