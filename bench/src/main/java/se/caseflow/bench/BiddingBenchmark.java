package se.caseflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.config.GateNames;

/**
 * Partner bidding on PostgreSQL and the real Redis. {@code cases} cases are opened through the staff gate and get
 * a good credit report through the internal commands the UC saga would send (UC is off), so the bidding saga opens
 * bidding for {@code partners} configured partners that all match. Then, in one run:
 *
 * <ol>
 *   <li>the baseline: the staff gate's {@code AddNote} on the same cases, N x P of them; then {@code PlaceBid}
 *       through the partner gate ({@code partnerCommandGate}), every partner on every case, and a {@code ReviseBid}
 *       round. Work item i is partner i % P on case i / P, so the P partners hit a case at the same moment; a
 *       {@code concurrent-change} is sent again after 50 ms, as the partner pages do, and counted;
 *   <li>read-side freshness: from a bid's acceptance by the gate to the change notice of the partner's document
 *       {@code partner/<id>/case/<caseId>} at its next version; the processors' lag when the bids stopped;
 *   <li>the window's close: from each case's {@code closesAt} to its {@code BiddingClosed} event (both from the
 *       event store), the deadline manager firing the windows of all cases in a burst.
 * </ol>
 *
 * <p>{@code warmup} further cases go through the same three rounds first, unmeasured, so that none of the measured
 * rounds runs cold. The rounds must fit in the window: a bid refused {@code bidding-closed} stops the run (raise
 * {@code window}). Arguments: {@code cases=N partners=P threads=T window=S warmup=W} (defaults 200, 4, 8, 90
 * seconds, 20).
 */
public final class BiddingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECTIONS = ProcessingGroups.CASE_PROJECTIONS;
    private static final String OPENED = "se.caseflow.domain.api.BiddingOpened";
    private static final String CLOSED = "se.caseflow.domain.api.BiddingClosed";
    private static final long RETRY_PAUSE_MILLIS = 50;
    private static final int ATTEMPTS = 20;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final ConfigurableApplicationContext app;
    private final CommandGate staffGate;
    private final CommandGate partnerGate;
    private final JdbcTemplate jdbc;
    private final List<String> partners;
    /** The warm-up cases first, then the measured ones. */
    private final String[] caseIds;

    private final int warmup;
    private final int threads;
    /** "partner/{id}/case/{caseId}#version" -> nanos when the gate accepted the bid / its notice arrived. */
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

    private final Map<String, Long> noticedAt = new ConcurrentHashMap<>();

    /** Per round (AddNote, PlaceBid, ReviseBid): concurrent changes sent again, and when it started. */
    private final AtomicInteger[] retries = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};

    private final long[] started = new long[3];

    private BiddingBenchmark(
            ConfigurableApplicationContext app, List<String> partners, int warmup, int cases, int threads) {
        this.app = app;
        this.staffGate = app.getBean(CommandGate.class);
        this.partnerGate = app.getBean(GateNames.PARTNER, CommandGate.class);
        this.jdbc = new JdbcTemplate(app.getBean(DataSource.class));
        this.partners = partners;
        this.caseIds = new String[warmup + cases];
        this.warmup = warmup;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options =
                Options.parse(args, Map.of("cases", 200, "partners", 4, "threads", 8, "window", 90, "warmup", 20));
        List<String> partners = IntStream.rangeClosed(1, options.get("partners"))
                .mapToObj(p -> "bench-" + p)
                .toList();
        List<String> arguments = new ArrayList<>(List.of("--caseflow.bidding.window=PT" + options.get("window") + "S"));
        for (int p = 0; p < partners.size(); p++) {
            // every case matches: any amount and term, any risk class that opens bidding at all
            String partner = "--caseflow.bidding.partners[" + p + "].";
            arguments.addAll(List.of(
                    partner + "id=" + partners.get(p),
                    partner + "name=Bench partner " + (p + 1),
                    partner + "min-amount-sek=1",
                    partner + "max-amount-sek=10000000",
                    partner + "min-term-months=1",
                    partner + "max-term-months=360",
                    partner + "minimum-risk-class=1"));
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create("bench");
                RedisTestPrefix redis = RedisTestPrefix.create("bench")) {
            ConfigurableApplicationContext app =
                    BenchApplication.start(database, redis, arguments.toArray(String[]::new));
            try {
                new BiddingBenchmark(app, partners, options.get("warmup"), options.get("cases"), options.get("threads"))
                        .run();
            } finally {
                app.close();
            }
        }
        // Axon's non-daemon "axon-janitor" thread would keep the JVM alive
        System.exit(0);
    }

    private void run() throws Exception {
        int cases = caseIds.length - warmup;
        int bids = cases * partners.size();
        ProjectionReader reader = app.getBean(ProjectionReader.class);
        try (AutoCloseable subscription = reader.subscribe(this::notice)) {
            bringIntoBidding();
            rounds(0, warmup);
            LagSampler sampler = new LagSampler();
            List<LatencyRecorder.Result> rounds = rounds(warmup, cases);
            String sampled = sampler.stop();
            String lag = lag();

            Report.print(
                    cases + " cases x " + partners.size() + " partners, " + threads + " client threads",
                    rounds,
                    rounds.get(0));
            System.out.printf(
                    Locale.ROOT,
                    "concurrent-change sent again: AddNote %d, PlaceBid %d, ReviseBid %d (of %d each)%n",
                    retries[0].get(),
                    retries[1].get(),
                    retries[2].get(),
                    bids);
            Report.memory(ManagementFactory.getMemoryMXBean());
            System.out.println(sampled);
            System.out.println(lag);

            List<LatencyRecorder.Result> readSide = new ArrayList<>();
            readSide.add(freshness("BidPlaced accepted -> partner document shows it (notice)", 2, started[1]));
            readSide.add(freshness("BidRevised accepted -> partner document shows it (notice)", 3, started[2]));
            readSide.add(windowClose());
            Report.print("Read side and the window's close", readSide);
        }
        Report.memory(ManagementFactory.getMemoryMXBean());
    }

    /**
     * AddNote, PlaceBid, ReviseBid on {@code count} cases from {@code first}: P of each per case, item i on case
     * first + i / P (the bids by partner i % P).
     */
    private List<LatencyRecorder.Result> rounds(int first, int count) throws Exception {
        int items = count * partners.size();
        for (AtomicInteger counter : retries) {
            counter.set(0);
        }
        started[0] = System.nanoTime();
        LatencyRecorder.Result notes =
                LoadRunner.run("baseline: AddNote through the staff gate, same cases", items, threads, i -> {
                    ObjectNode note = JSON.createObjectNode()
                            .put("caseId", caseIds[first + i / partners.size()])
                            .put("text", "Bench note " + i);
                    submit(staffGate, "AddNote", note, retries[0]);
                });
        started[1] = System.nanoTime();
        LatencyRecorder.Result placed = LoadRunner.run(
                "PlaceBid through the partner gate (" + partners.size() + " partners at once per case)",
                items,
                threads,
                i -> bid("PlaceBid", first * partners.size() + i, retries[1]));
        started[2] = System.nanoTime();
        LatencyRecorder.Result revised = LoadRunner.run(
                "ReviseBid through the partner gate",
                items,
                threads,
                i -> bid("ReviseBid", first * partners.size() + i, retries[2]));
        return List.of(notes, placed, revised);
    }

    /** Opens the cases, records their credit reports, and waits until every partner's document is offered. */
    private void bringIntoBidding() throws Exception {
        CommandGateway gateway = app.getBean(CommandGateway.class);
        AtomicInteger retries = new AtomicInteger();
        long start = System.nanoTime();
        LoadRunner.run(
                "OpenCase",
                caseIds.length,
                threads,
                i -> caseIds[i] = submit(staffGate, "OpenCase", JSON.readTree(TestPeople.openCase(i)), retries)
                        .aggregateId());
        long opened = System.nanoTime();
        // what the UC sagas would record for a good report: risk 1 % is class 4, no payment remarks
        LoadRunner.run("credit reports", caseIds.length, threads, i -> {
            String caseId = caseIds[i];
            gateway.sendAndWait(new ConfirmIdentity(caseId, Party.APPLICANT, new ProtectedValue("bench")));
            gateway.sendAndWait(new ReserveCreditCheck(caseId, Party.APPLICANT));
            gateway.sendAndWait(new RecordCreditReport(
                    caseId, Party.APPLICANT, new CreditReport(new BigDecimal("1.0"), 150_000L, 504_000L, 0, 0, 1)));
        });
        long reported = System.nanoTime();
        await(
                () -> (int) IntStream.range(0, caseIds.length * partners.size())
                        .filter(i -> noticedAt.containsKey(documentKey(i) + "#1"))
                        .count(),
                caseIds.length * partners.size(),
                "partner documents offered");
        System.out.printf(
                Locale.ROOT,
                "Setup: %d cases opened in %.1f s (staff gate), credit reports recorded in %.1f s (CommandGateway,"
                        + " 3 internal commands each); every partner's document offered %.1f s later (bidding saga"
                        + " + projection)%n",
                caseIds.length,
                (opened - start) / 1e9,
                (reported - opened) / 1e9,
                (System.nanoTime() - reported) / 1e9);
    }

    /** Partner i % P bids on case i / P; a revision lowers the rates, so the partner's document changes. */
    private void bid(String type, int i, AtomicInteger retries) throws Exception {
        int partner = i % partners.size();
        boolean revision = type.equals("ReviseBid");
        BigDecimal nominal = new BigDecimal("5.50")
                .add(new BigDecimal("0.10").multiply(BigDecimal.valueOf(partner)))
                .subtract(revision ? new BigDecimal("0.25") : BigDecimal.ZERO);
        BidTerms terms = new BidTerms(
                150_000, nominal, nominal.add(new BigDecimal("0.30")), 60, 288_000L + partner * 100L, "2099-12-31");
        ObjectNode payload = JSON.createObjectNode()
                .put("caseId", caseIds[i / partners.size()])
                .put("partnerId", partners.get(partner));
        payload.set("terms", JSON.valueToTree(terms));
        submit(partnerGate, type, payload, retries);
        acceptedAt.put(documentKey(i) + "#" + (revision ? 3 : 2), System.nanoTime());
    }

    private String documentKey(int i) {
        return "partner/" + partners.get(i % partners.size()) + "/case/" + caseIds[i / partners.size()];
    }

    /** As the partner pages do: a command refused as a concurrent change is sent again after a pause. */
    private static CommandOutcome.Accepted submit(
            CommandGate gate, String type, JsonNode payload, AtomicInteger retries) throws InterruptedException {
        CommandRequest request = new CommandRequest(type, payload, null, "bench");
        for (int attempt = 1; ; attempt++) {
            CommandOutcome outcome = gate.submit(request);
            if (outcome instanceof CommandOutcome.Accepted accepted) {
                return accepted;
            }
            if (!(outcome instanceof CommandOutcome.Refused refused)) {
                throw new IllegalStateException(type + " not accepted: " + outcome);
            }
            if (refused.code().equals("bidding-closed")) {
                throw new IllegalStateException(type + " came after the window closed: raise window= (seconds)");
            }
            if (!refused.code().equals("concurrent-change") || attempt == ATTEMPTS) {
                throw new IllegalStateException(type + " refused: " + outcome);
            }
            retries.incrementAndGet();
            Thread.sleep(RETRY_PAUSE_MILLIS);
        }
    }

    /** Every change notice of a partner document: the first time each version was seen. */
    private void notice(String notice) {
        if (!notice.contains("partner/")) {
            return;
        }
        long now = System.nanoTime();
        try {
            JsonNode json = JSON.readTree(notice);
            String key = json.path("key").asText();
            if (key.startsWith("partner/") && key.contains("/case/")) {
                noticedAt.putIfAbsent(key + "#" + json.path("version").asLong(), now);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lag of the read side and of the bidding saga the moment the bids stopped, and the time to catch up. */
    private String lag() throws InterruptedException {
        long head = Processors.head(app.getBean(EventStore.class));
        StreamingEventProcessor projections = Processors.named(app, PROJECTIONS);
        StreamingEventProcessor saga = Processors.named(app, ProcessingGroups.BIDDING);
        long projectionsLag = head - Processors.position(projections);
        long sagaLag = head - Processors.position(saga);
        long start = System.nanoTime();
        Processors.waitUntilCaughtUp(projections, head);
        double projectionsCaughtUp = (System.nanoTime() - start) / 1e9;
        Processors.waitUntilCaughtUp(saga, head);
        return String.format(
                Locale.ROOT,
                "Lag when the bids stopped (head %d): %s %d events (caught up %.1f s later), bidding saga %d events"
                        + " (caught up %.1f s later)",
                head,
                PROJECTIONS,
                projectionsLag,
                projectionsCaughtUp,
                sagaLag,
                (System.nanoTime() - start) / 1e9);
    }

    /** The read side's lag behind the head every 100 ms while the measured rounds run. */
    private final class LagSampler {

        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final List<Long> samples = new CopyOnWriteArrayList<>();

        LagSampler() {
            EventStore eventStore = app.getBean(EventStore.class);
            StreamingEventProcessor projections = Processors.named(app, PROJECTIONS);
            timer.scheduleAtFixedRate(
                    () -> samples.add(Processors.head(eventStore) - Processors.position(projections)),
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
        }

        String stop() {
            timer.shutdownNow();
            return String.format(
                    Locale.ROOT,
                    "%s lag behind the head during the measured rounds (every 100 ms): mean %.0f, max %d events",
                    PROJECTIONS,
                    samples.stream().mapToLong(Long::longValue).average().orElse(0),
                    samples.stream().mapToLong(Long::longValue).max().orElse(0));
        }
    }

    /** From each bid's acceptance to the notice of its partner document at {@code version}. */
    private LatencyRecorder.Result freshness(String name, int version, long roundStart) throws InterruptedException {
        List<String> keys = IntStream.range(warmup * partners.size(), caseIds.length * partners.size())
                .mapToObj(i -> documentKey(i) + "#" + version)
                .toList();
        await(() -> (int) keys.stream().filter(noticedAt::containsKey).count(), keys.size(), name);
        LatencyRecorder latencies = new LatencyRecorder(keys.size());
        long last = roundStart;
        for (String key : keys) {
            last = Math.max(last, noticedAt.get(key));
            latencies.record(Math.max(0, noticedAt.get(key) - acceptedAt.get(key)));
        }
        return latencies.summarise(name, last - roundStart);
    }

    /** From {@code closesAt} to {@code BiddingClosed} per case; throughput from the first closesAt to the last close. */
    private LatencyRecorder.Result windowClose() throws InterruptedException {
        List<String> measured = List.of(caseIds).subList(warmup, caseIds.length);
        await(
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Integer.class, CLOSED),
                caseIds.length,
                "BiddingClosed events");
        Map<String, Instant> closesAt = new HashMap<>();
        Map<String, Instant> closedAt = new HashMap<>();
        Map<String, Integer> offers = new HashMap<>();
        jdbc.query(
                "SELECT aggregateidentifier AS id, payloadtype, timestamp,"
                        + " convert_from(payload, 'UTF8')::json AS payload FROM domainevententry"
                        + " WHERE payloadtype IN (?, ?)",
                row -> {
                    String id = row.getString("id");
                    JsonNode payload = parse(row.getString("payload"));
                    if (row.getString("payloadtype").equals(OPENED)) {
                        closesAt.put(id, Instant.parse(payload.path("closesAt").asText()));
                    } else if (closedAt.put(id, Instant.parse(row.getString("timestamp"))) != null) {
                        throw new IllegalStateException("Case " + id + " closed its bidding twice");
                    } else {
                        offers.put(id, payload.path("offers").size());
                    }
                },
                OPENED,
                CLOSED);
        LatencyRecorder latencies = new LatencyRecorder(measured.size());
        Instant firstCloses = Instant.MAX;
        Instant lastCloses = Instant.MIN;
        Instant lastClosed = Instant.MIN;
        for (String caseId : measured) {
            Instant closed = closedAt.get(caseId);
            Instant due = closesAt.get(caseId);
            firstCloses = due.isBefore(firstCloses) ? due : firstCloses;
            lastCloses = due.isAfter(lastCloses) ? due : lastCloses;
            lastClosed = closed.isAfter(lastClosed) ? closed : lastClosed;
            latencies.record(Duration.between(due, closed).toNanos());
        }
        long withAllOffers = measured.stream()
                .filter(caseId -> offers.get(caseId) == partners.size())
                .count();
        System.out.printf(
                Locale.ROOT,
                "Window close: %d BiddingClosed for %d cases (%d measured), %d of those with all %d offers ranked;"
                        + " their closesAt spread over"
                        + " %.1f s; db-scheduler polling %s, %s threads; scheduled_tasks left: %d%n",
                closedAt.size(),
                caseIds.length,
                measured.size(),
                withAllOffers,
                partners.size(),
                Duration.between(firstCloses, lastCloses).toMillis() / 1e3,
                app.getEnvironment().getProperty("db-scheduler.polling-interval"),
                app.getEnvironment().getProperty("db-scheduler.threads"),
                jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class));
        return latencies.summarise(
                "closesAt -> BiddingClosed (deadline manager, all windows)",
                Duration.between(firstCloses, lastClosed).toNanos());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(IntSupplier count, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count.getAsInt() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + count.getAsInt() + " of " + expected + " " + what + " within " + PATIENCE);
            }
            Thread.sleep(50);
        }
    }
}
