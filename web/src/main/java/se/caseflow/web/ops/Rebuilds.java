package se.caseflow.web.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.axon.ProcessorTokens;
import se.caseflow.projections.RebuildableProjection;

/**
 * Rebuilds a projection without downtime, one at a time on this node:
 *
 * <ol>
 *   <li>PREPARING: empty generation n+1 and point the projection's twin processor at it, its tokens deleted so it
 *       starts from the first event;
 *   <li>BUILDING: the twin replays the whole stream into n+1 while the live processor keeps n current and readers
 *       see n; progress = the twin's position against the head, with events/s and an ETA;
 *   <li>SWITCHING: once the twin is within {@code caseflow.ops.rebuild-catch-up-lag} events of the head, stop the
 *       live processor (readers keep seeing a complete n), let the twin pass where the live one stopped, stop it,
 *       give its position to the live processor's segments, make n+1 serve (one Redis SET, announced to every
 *       node, whose doc-stores push the new copies), start the live processor on n+1;
 *   <li>DROPPING: after {@code rebuild-drop-delay} (readers still on n have moved) delete generation n.
 * </ol>
 *
 * Only processors with a {@link RebuildableProjection} twin can be rebuilt; any other (sagas, the Kafka
 * publisher, UC and SMS) is refused.
 *
 * <p>One node of the cluster rebuilds at a time: the one holding the {@link RebuildLock} (docs/adr/0035). A start
 * while another node holds it is refused (or, queued, asked for in Redis for whichever node rebuilds next). The
 * other nodes release their segments of the live processor while the lock is held ({@link RebuildCoordinator}), so
 * that the switch finds every segment unclaimed. The rebuild asked for stays in Redis until its run ended here, so
 * that another node starts it again when this one dies or stops in the middle.
 */
final class Rebuilds implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final int HISTORY = 20;

    enum Phase {
        PREPARING,
        BUILDING,
        SWITCHING,
        DROPPING,
        DONE,
        FAILED
    }

    record Progress(
            String id,
            String processor,
            long generation,
            Phase phase,
            long position,
            long head,
            double percent,
            double eventsPerSecond,
            Long etaSeconds,
            String requestedBy,
            String reason,
            Instant startedAt,
            Instant finishedAt,
            String error,
            boolean anotherQueued) {}

    static final class RefusedException extends RuntimeException {
        final String code;

        RefusedException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final Map<String, RebuildableProjection> projections;
    private final RebuildLock lock;
    private final EventProcessingConfiguration processing;
    private final ProcessorMonitor monitor;
    private final ProcessorTokens tokens;
    private final TransactionTemplate transactions;
    private final OpsProperties properties;
    private final Clock clock;
    private final Duration claimTimeout;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ops-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Progress> history = new ArrayDeque<>();
    private Run current;
    private Run queued;

    Rebuilds(
            List<RebuildableProjection> projections,
            RebuildLock lock,
            EventProcessingConfiguration processing,
            ProcessorMonitor monitor,
            ProcessorTokens tokens,
            TransactionTemplate transactions,
            OpsProperties properties,
            Clock clock,
            Duration claimTimeout) {
        this.projections = projections.stream()
                .collect(Collectors.toUnmodifiableMap(RebuildableProjection::processor, Function.identity()));
        this.lock = lock;
        this.processing = processing;
        this.monitor = monitor;
        this.tokens = tokens;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    /** Names of the processors that can be rebuilt. */
    java.util.Set<String> replayable() {
        return projections.keySet();
    }

    /** Names of the twins (behind on purpose; not counted in health). */
    java.util.Set<String> twins() {
        return projections.values().stream()
                .map(RebuildableProjection::rebuildProcessor)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Starts a rebuild of the processor now; with {@code queueIfRunning}, when one is running, runs another right
     * after it (an erasure must not be undone by a rebuild that read the person before the shred).
     */
    synchronized Progress start(String processor, String requestedBy, String reason, boolean queueIfRunning) {
        return start(processor, requestedBy, reason, queueIfRunning, () -> true).orElseThrow();
    }

    /**
     * Starts a rebuild of the processor now, unless {@code needed} no longer holds once this node has the lock
     * (another node's rebuild may have ended between the caller's look and the lock); refused when a rebuild runs.
     */
    synchronized Optional<Progress> startIfNeeded(
            String processor, String requestedBy, String reason, BooleanSupplier needed) {
        return start(processor, requestedBy, reason, false, needed);
    }

    private Optional<Progress> start(
            String processor, String requestedBy, String reason, boolean queueIfRunning, BooleanSupplier needed) {
        if (!processing.eventProcessors().containsKey(processor)) {
            throw new RefusedException("unknown-processor", "No event processor named " + processor);
        }
        RebuildableProjection projection = projections.get(processor);
        if (projection == null) {
            throw new RefusedException(
                    "not-replayable",
                    processor + " is not a rebuildable projection (sagas, the Kafka publisher, UC and SMS are never"
                            + " replayed); rebuildable: " + projections.keySet());
        }
        if (running()) {
            if (!queueIfRunning) {
                throw new RefusedException(
                        "rebuild-running", "A rebuild of " + current.projection.processor() + " is running");
            }
            // one rebuild after the current one serves every request made meanwhile
            if (queued == null) {
                queued = new Run(projection, newRequest(projection, requestedBy, reason));
                lock.ask(queued.request);
            }
            return Optional.of(queued.progress());
        }
        Run run = new Run(projection, newRequest(projection, requestedBy, reason));
        if (!lock.hold()) {
            String holder = lock.holder().orElse("another node");
            if (!queueIfRunning) {
                throw new RefusedException("rebuild-running", "Node " + holder + " is rebuilding the read side");
            }
            // whichever node rebuilds next runs it, once the holder's rebuild has ended
            lock.ask(run.request);
            return Optional.of(run.progress());
        }
        if (!needed.getAsBoolean()) {
            lock.release();
            return Optional.empty();
        }
        return Optional.of(launch(run));
    }

    /**
     * Starts again a rebuild that was asked for and not ended, when no node holds the lock (its node died or
     * stopped); false when none is waiting, or it cannot start here now.
     */
    synchronized boolean takeOver() {
        if (running()) {
            return false;
        }
        Optional<RebuildLock.Request> asked = lock.asked();
        if (asked.isEmpty()) {
            return false;
        }
        RebuildLock.Request request = asked.get();
        RebuildableProjection projection = projections.get(request.processor());
        if (projection == null) {
            log.warn("Rebuild {} was asked for a processor this node cannot rebuild: {}", request.id(), request);
            lock.ended(request);
            return false;
        }
        if (!lock.hold()) {
            return false;
        }
        log.warn(
                "Rebuild {} of {} did not end on the node that ran it: starting it again here",
                request.id(),
                request.processor());
        launch(new Run(projection, request));
        return true;
    }

    /** The node that holds the rebuild lock, rebuilding now (this one or another); blocking (Redis). */
    Optional<String> rebuilder() {
        return lock.holder();
    }

    /** Whether a rebuild runs (or waits to run) on this node, which then holds the lock. */
    synchronized boolean running() {
        return current != null && !current.finished();
    }

    synchronized Optional<Progress> current() {
        return Optional.ofNullable(current).map(Run::progress);
    }

    synchronized List<Progress> history() {
        return List.copyOf(history);
    }

    private Progress launch(Run run) {
        current = run;
        runner.execute(run);
        return run.progress();
    }

    private synchronized void ended(Run run) {
        history.addFirst(run.progress());
        while (history.size() > HISTORY) {
            history.removeLast();
        }
        if (queued != null && !runner.isShutdown()) {
            // the lock stays with this node for the next one
            Run next = queued;
            queued = null;
            launch(next);
        } else {
            try {
                lock.release();
            } catch (RuntimeException e) {
                log.warn("Could not release the rebuild lock; it expires by itself", e);
            }
        }
    }

    private static RebuildLock.Request newRequest(RebuildableProjection projection, String requestedBy, String reason) {
        return new RebuildLock.Request(UUID.randomUUID().toString(), projection.processor(), requestedBy, reason);
    }

    private synchronized boolean anotherQueued() {
        return queued != null;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    private final class Run implements Runnable {

        final RebuildLock.Request request;
        final RebuildableProjection projection;
        final Instant startedAt = clock.instant();
        volatile Phase phase = Phase.PREPARING;
        volatile long generation = -1;
        volatile long position;
        volatile long head;
        volatile double rate;
        volatile Instant finishedAt;
        volatile String error;

        Run(RebuildableProjection projection, RebuildLock.Request request) {
            this.projection = projection;
            this.request = request;
        }

        boolean finished() {
            return phase == Phase.DONE || phase == Phase.FAILED;
        }

        Progress progress() {
            long h = head;
            long p = Math.min(position, h);
            double percent = finished() && phase == Phase.DONE ? 100 : h <= 0 ? 0 : Math.floor(1000.0 * p / h) / 10;
            Long eta = rate > 0 && !finished() ? Math.round((h - p) / rate) : null;
            return new Progress(
                    request.id(),
                    projection.processor(),
                    generation,
                    phase,
                    p,
                    h,
                    percent,
                    Math.round(rate),
                    eta,
                    request.requestedBy(),
                    request.reason(),
                    startedAt,
                    finishedAt,
                    error,
                    anotherQueued());
        }

        @Override
        public void run() {
            StreamingEventProcessor live = streaming(projection.processor());
            StreamingEventProcessor twin = streaming(projection.rebuildProcessor());
            boolean interrupted = false;
            try {
                if (!lock.hold()) {
                    throw new IllegalStateException(
                            "node " + lock.holder().orElse("(none)") + " holds the rebuild lock");
                }
                lock.ask(request);
                long old = projection.servingGeneration();
                generation = old + 1;
                log.info(
                        "Rebuild {} of {}: building generation {} ({})",
                        request.id(),
                        projection.processor(),
                        generation,
                        request.reason());
                twin.shutDown();
                tokens.reset(projection.rebuildProcessor());
                projection.prepare(generation);
                head = monitor.head();
                phase = Phase.BUILDING;
                twin.start();
                build(twin);
                phase = Phase.SWITCHING;
                handOver(live, twin);
                projection.switchTo(generation);
                live.start();
                log.info(
                        "Rebuild {}: generation {} serves; {} is live on it",
                        request.id(),
                        generation,
                        projection.processor());
                phase = Phase.DROPPING;
                Thread.sleep(properties.rebuildDropDelay().toMillis());
                long dropped = projection.drop(old);
                log.info("Rebuild {}: dropped generation {} ({} keys)", request.id(), old, dropped);
                position = head = Math.max(head, monitor.head());
                phase = Phase.DONE;
            } catch (InterruptedException e) {
                // this node stops: the rebuild stays asked for, and another node starts it again
                Thread.currentThread().interrupt();
                interrupted = true;
                fail(twin, "interrupted");
            } catch (RuntimeException e) {
                log.error("Rebuild {} of {} failed", request.id(), projection.processor(), e);
                fail(twin, e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                if (!live.isRunning()) {
                    live.start();
                }
                finishedAt = clock.instant();
                if (!interrupted) {
                    endedInRedis();
                }
                ended(this);
            }
        }

        private void endedInRedis() {
            try {
                lock.ended(request);
            } catch (RuntimeException e) {
                // Redis unreachable: another node starts it again once the lock has expired
                log.warn("Rebuild {} could not be marked ended in Redis", request.id(), e);
            }
        }

        private void fail(StreamingEventProcessor twin, String message) {
            error = message;
            phase = Phase.FAILED;
            twin.shutDown();
        }

        /** Waits until the twin is close to the head, measuring progress. */
        private void build(StreamingEventProcessor twin) throws InterruptedException {
            long startNanos = System.nanoTime();
            long startPosition = -1;
            while (true) {
                head = monitor.head();
                OptionalLong at = position(twin);
                if (at.isPresent()) {
                    position = at.getAsLong();
                    if (startPosition < 0) {
                        startPosition = position;
                        startNanos = System.nanoTime();
                    }
                    double seconds = (System.nanoTime() - startNanos) / 1e9;
                    rate = seconds > 0.5 ? (position - startPosition) / seconds : rate;
                    if (head - position <= properties.rebuildCatchUpLag()) {
                        return;
                    }
                }
                error = twinError(twin);
                Thread.sleep(100);
            }
        }

        /**
         * Waits until this node's live processor works every segment (the other nodes release theirs while this node
         * holds the lock; a dead node's claims expire and this node's processor takes them), stops the live
         * processor, lets the twin pass where it stopped, stops the twin and gives the twin's (lowest) position to
         * every live segment; the live processor redoes nothing the twin did, since applied events are skipped by
         * their position keys. Stopping only once nothing is left to claim matters: Axon 4.13's tracking processor,
         * shut down just as it claims a segment, keeps that claim with no worker and loses the thread for good.
         */
        private void handOver(StreamingEventProcessor live, StreamingEventProcessor twin) throws InterruptedException {
            long deadline =
                    System.nanoTime() + properties.rebuildSwitchTimeout().toNanos();
            for (List<ProcessorTokens.Segment> rows = monitor.tokenRows(projection.processor());
                    !live.processingStatus().keySet().containsAll(segments(rows));
                    rows = monitor.tokenRows(projection.processor())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("this node's " + projection.processor() + " did not take every"
                            + " segment within " + properties.rebuildSwitchTimeout() + ": it works "
                            + live.processingStatus().keySet() + ", owners " + owners(rows));
                }
                Thread.sleep(100);
            }
            live.shutDown();
            // should the race above still happen, no worker of this node runs now: every claim under its name is stale
            tokens.releaseThisNodesClaims(projection.processor());
            List<ProcessorTokens.Segment> liveRows = awaitUnclaimed(deadline);
            long liveAt = liveRows.stream()
                    .mapToLong(r -> r.position() == null ? 0 : r.position())
                    .max()
                    .orElse(0);
            while (position(twin).orElse(-1) < liveAt) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the rebuild did not pass the live processor's position " + liveAt
                            + " within " + properties.rebuildSwitchTimeout());
                }
                Thread.sleep(20);
            }
            twin.shutDown();
            List<ProcessorTokens.Segment> twinRows = monitor.tokenRows(projection.rebuildProcessor());
            // no position at all: the event store is empty, and the live tokens are as good as the twin's
            Optional<ProcessorTokens.Segment> lowest = twinRows.stream()
                    .filter(r -> r.token() != null && r.position() != null)
                    .min(Comparator.comparingLong(ProcessorTokens.Segment::position));
            lowest.ifPresent(row -> position = row.position());
            // another node may claim a segment between the look and the move (one starting up, or its release
            // lapsing): its coordinator lets go again within a tick, so the move waits and is tried again
            List<ProcessorTokens.Segment> unclaimed = liveRows;
            while (!Boolean.TRUE.equals(transactions.execute(status -> moveLiveTokens(status, lowest, unclaimed)))) {
                awaitUnclaimed(deadline);
            }
        }

        /** Gives the twin's position to every live segment, unless one is claimed (then nothing). */
        private boolean moveLiveTokens(
                TransactionStatus status,
                Optional<ProcessorTokens.Segment> lowest,
                List<ProcessorTokens.Segment> liveRows) {
            // the fence: a node that lost the lock (paused past its expiry) gives no position to anyone
            if (!lock.renew()) {
                throw new IllegalStateException("this node lost the rebuild lock to node "
                        + lock.holder().orElse("(none)") + " before the switch");
            }
            for (ProcessorTokens.Segment row : lowest.isEmpty() ? List.<ProcessorTokens.Segment>of() : liveRows) {
                if (!tokens.giveIfUnclaimed(lowest.get().token(), projection.processor(), row.segment())) {
                    log.info(
                            "Rebuild {}: segment {} of {} was claimed during the switch; waiting for its release",
                            request.id(),
                            row.segment(),
                            projection.processor());
                    status.setRollbackOnly();
                    return false;
                }
            }
            tokens.reset(projection.rebuildProcessor());
            return true;
        }

        private static List<Integer> segments(List<ProcessorTokens.Segment> rows) {
            return rows.stream().map(ProcessorTokens.Segment::segment).toList();
        }

        private static List<String> owners(List<ProcessorTokens.Segment> rows) {
            return rows.stream()
                    .filter(row -> row.owner() != null)
                    .map(row -> row.segment() + " by node " + row.owner())
                    .toList();
        }

        /**
         * Waits until no node claims a live segment, within the switch's deadline. A claim older than the token
         * store's claim timeout is a dead node's: Axon lets any node take it, but none would now (this node's processor
         * is stopped, the others release theirs), so the switch releases it itself.
         */
        private List<ProcessorTokens.Segment> awaitUnclaimed(long deadline) throws InterruptedException {
            releaseExpiredClaims();
            List<ProcessorTokens.Segment> rows = monitor.tokenRows(projection.processor());
            while (rows.stream().anyMatch(row -> row.owner() != null)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("segments of " + projection.processor() + " still claimed after "
                            + properties.rebuildSwitchTimeout() + ": " + owners(rows));
                }
                Thread.sleep(100);
                releaseExpiredClaims();
                rows = monitor.tokenRows(projection.processor());
            }
            return rows;
        }

        /** Releases every claim on a live segment that expired, each only if it was not renewed meanwhile. */
        private void releaseExpiredClaims() {
            for (ProcessorTokens.ExpiredClaim claim :
                    tokens.releaseExpiredClaims(projection.processor(), claimTimeout)) {
                log.warn(
                        "Rebuild {}: segment {} of {} was still claimed by node {}, whose claim expired at {}: released"
                                + " for the switch",
                        request.id(),
                        claim.segment(),
                        projection.processor(),
                        claim.owner(),
                        claim.expiredAt());
            }
        }

        private OptionalLong position(StreamingEventProcessor twin) {
            Map<Integer, EventTrackerStatus> status = twin.processingStatus();
            if (status.isEmpty()) {
                return OptionalLong.empty();
            }
            long lowest = Long.MAX_VALUE;
            for (EventTrackerStatus segment : status.values()) {
                OptionalLong at = segment.getCurrentPosition();
                lowest = Math.min(lowest, at.orElse(0));
            }
            return OptionalLong.of(lowest);
        }

        private String twinError(StreamingEventProcessor twin) {
            return twin.processingStatus().values().stream()
                    .filter(EventTrackerStatus::isErrorState)
                    .map(s -> "segment " + s.getSegment().getSegmentId() + ": "
                            + (s.getError() == null ? "error" : s.getError().getMessage()))
                    .findFirst()
                    .orElse(null);
        }
    }

    private StreamingEventProcessor streaming(String name) {
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor " + name));
    }
}
