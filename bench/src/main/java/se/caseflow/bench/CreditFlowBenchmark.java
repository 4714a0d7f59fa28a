package se.caseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.uc.UcSimulator;

/**
 * The identity check and credit report of each new case against a local fake UC (SOAP over loopback HTTP):
 * from OpenCase accepted by the command gate to {@code CreditReportReceived} projected into the case document
 * (the notice of version 4). Two runs: a steady rate below capacity (latency), then a burst (throughput of the
 * single-threaded saga processors). Baseline: the same two SOAP calls per case straight to the fake, one after
 * the other, with the JDK HttpClient.
 *
 * <p>Arguments: {@code cases=N rate=R warmup=W} (defaults 300, 10 per second, 30).
 */
public final class CreditFlowBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CreditFlowBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = Options.parse(args, Map.of("cases", 300, "rate", 10, "warmup", 30));
        int cases = options.get("cases");
        int rate = options.get("rate");
        int warmup = options.get("warmup");
        try (UcSimulator uc = UcSimulator.forTests();
                PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            LatencyRecorder.Result baseline = baseline(uc, cases);
            ConfigurableApplicationContext app = BenchApplication.start(
                    database,
                    redis,
                    "--caseflow.uc.endpoint=" + uc.endpoint(),
                    "--caseflow.uc.user-id=BENCH",
                    "--caseflow.uc.password=XY",
                    "--caseflow.allow.plain-http-uc=true");
            try {
                Flow flow = new Flow(app);
                try (AutoCloseable subscription = flow.subscribe()) {
                    flow.burst("warm-up", 0, warmup);
                    LatencyRecorder.Result steady = flow.steady(
                            "OpenCase accepted -> CreditReportReceived projected, " + rate + " cases/s",
                            warmup,
                            cases,
                            rate);
                    LatencyRecorder.Result burst =
                            flow.burst("same, " + cases + " cases at once (saga throughput)", warmup + cases, cases);
                    Report.print(
                            "Identity check + UC credit report per case on PostgreSQL against a local fake UC",
                            List.of(baseline, steady, burst),
                            baseline);
                    System.out.println("UC requests: " + uc.count("identityCheck") + " identityCheck, "
                            + uc.count("individualReport") + " individualReport for " + (warmup + 2 * cases)
                            + " cases");
                    Report.memory(ManagementFactory.getMemoryMXBean());
                }
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    /** The two SOAP calls per case, sequential, as the sagas make them, without anything around them. */
    private static LatencyRecorder.Result baseline(UcSimulator uc, int cases) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LatencyRecorder recorder = new LatencyRecorder(cases);
        long start = System.nanoTime();
        for (int n = 0; n < cases; n++) {
            String ref = TestPeople.personalNumber(n).replace("-", "").substring(2);
            long began = System.nanoTime();
            for (String operation : List.of("identityCheck", "individualReport")) {
                String body = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                        + (operation.equals("identityCheck")
                                ? "<q:identityCheck xmlns:q=\"http://www.uc.se/schemas/ucOrderRequest/\" q:identifier=\""
                                        + ref + "\"/>"
                                : "<q:individualReport xmlns:q=\"http://www.uc.se/schemas/ucOrderRequest/\"><q:object>"
                                        + ref + "</q:object></q:individualReport>")
                        + "</s:Body></s:Envelope>";
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(uc.endpoint())
                                .header("SOAPAction", "\"http://www.uc.se/ws/ucOrders/" + operation + "\"")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("fake UC answered " + response.statusCode());
                }
            }
            recorder.record(System.nanoTime() - began);
        }
        return recorder.summarise(
                "baseline: the two SOAP calls straight to the fake, sequential", System.nanoTime() - start);
    }

    /** Opens cases through the gate and notes when each one's report reached its document. */
    private static final class Flow {

        private final CommandGate gate;
        private final ProjectionReader reader;
        private final String run = UUID.randomUUID().toString();
        private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        private final Map<String, Long> projectedAt = new ConcurrentHashMap<>();
        private final AtomicLong lastProjectedAt = new AtomicLong();

        Flow(ConfigurableApplicationContext app) {
            this.gate = app.getBean(CommandGate.class);
            this.reader = app.getBean(ProjectionReader.class);
        }

        AutoCloseable subscribe() {
            return reader.subscribe(notice -> {
                try {
                    JsonNode json = JSON.readTree(notice);
                    // version 4: CaseOpened, IdentityVerified, CreditCheckReserved, CreditReportReceived
                    if (json.path("version").asLong() == 4
                            && json.path("key").asText().startsWith("case/")) {
                        long now = System.nanoTime();
                        projectedAt.putIfAbsent(json.path("key").asText().substring(5), now);
                        lastProjectedAt.accumulateAndGet(now, Math::max);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        LatencyRecorder.Result steady(String name, int first, int count, int perSecond) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = first + i;
                pool.submit(() -> open(n));
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
            return summarise(name, first, count, start);
        }

        LatencyRecorder.Result burst(String name, int first, int count) throws Exception {
            long start = System.nanoTime();
            LoadRunner.run(name, count, 8, i -> open(first + i));
            return summarise(name, first, count, start);
        }

        private LatencyRecorder.Result summarise(String name, int first, int count, long start) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            for (int n = first; n < first + count; n++) {
                while (!projectedAt.containsKey(caseId(n))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("case " + n + " never got its report projected");
                    }
                    Thread.sleep(5);
                }
            }
            LatencyRecorder latencies = new LatencyRecorder(count);
            long last = 0;
            for (int n = first; n < first + count; n++) {
                long projected = projectedAt.get(caseId(n));
                last = Math.max(last, projected);
                latencies.record(projected - acceptedAt.get(caseId(n)));
            }
            return latencies.summarise(name, last - start);
        }

        private void open(int n) {
            try {
                String caseId = caseId(n);
                // "Test Person": initials T and P, and the fake UC's surname begins with T, so the names match
                ObjectNode payload = (ObjectNode) JSON.readTree(TestPeople.openCase(n));
                payload.put("caseId", caseId);
                CommandOutcome outcome = gate.submit(new CommandRequest("OpenCase", payload, null, "bench"));
                if (!(outcome instanceof CommandOutcome.Accepted)) {
                    throw new IllegalStateException("Gate refused: " + outcome);
                }
                acceptedAt.put(caseId, System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private String caseId(int n) {
            return UUID.nameUUIDFromBytes((run + n).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }
}
