package se.caseflow.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import se.caseflow.secrets.HmacKeyRotation;
import se.caseflow.secrets.KeyRewrapJob;
import se.caseflow.testsupport.MutableClock;
import se.caseflow.testsupport.PostgresTestDatabase;

/**
 * Key rotations on two nodes sharing one PostgreSQL database: the rotation row and its lease decide which node works
 * it, so each phase runs once however the nodes race, and a node that dies in the middle leaves the rotation to the
 * other, which continues from the phase the row records. The secrets store's jobs are stood in for by counters here
 * (their own behaviour is proved in integrations/secrets, SecretsStoreContract); what is under test is the claim.
 */
class KeyRotationsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private PostgresTestDatabase database;
    private NamedParameterJdbcTemplate jdbc;
    private final MutableClock clock = MutableClock.startingNow();
    private final Counts counts = new Counts();

    @BeforeEach
    void setUp() {
        database = PostgresTestDatabase.create("rotation");
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
        jdbc = new NamedParameterJdbcTemplate(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void twoNodesRacingForOneRotationDoEachPhaseOnce() throws Exception {
        CountDownLatch bothTicked = new CountDownLatch(1);
        try (KeyRotations nodeA = node(new Jobs(counts, bothTicked));
                KeyRotations nodeB = node(new Jobs(counts, bothTicked))) {
            KeyRotations.Rotation asked = nodeA.request("ops");
            assertThat(nodeB.request("ops").id())
                    .as("asking again answers the running one")
                    .isEqualTo(asked.id());
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> tickAfter(start, nodeA));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> tickAfter(start, nodeB));
            // the node that won holds the rotation in its re-derivation until the other one's tick has returned
            CompletableFuture.anyOf(a, b).get(60, TimeUnit.SECONDS);
            bothTicked.countDown();
            CompletableFuture.allOf(a, b).get(60, TimeUnit.SECONDS);

            KeyRotations.Rotation done = nodeA.find(asked.id()).orElseThrow();
            assertThat(done.phase()).isEqualTo(KeyRotations.Phase.DONE);
            assertThat(counts.scans.get()).isEqualTo(1);
            assertThat(counts.rewraps.get()).isEqualTo(1);
            assertThat(counts.rederivations.get()).isEqualTo(1);
            assertThat(counts.rebuilds.get()).isEqualTo(1);
            assertThat(done.rederived()).isEqualTo(3);
            assertThat(nodeB.running()).isEmpty();
            assertThat(nodeB.request("ops").id())
                    .as("once done, the next request is a new rotation")
                    .isNotEqualTo(asked.id());
        }
    }

    @Test
    void aRotationWhoseNodeDiedIsContinuedByAnotherFromItsPhase() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Jobs dying = new Jobs(counts, null);
        dying.rewrapBlocksOn = never;
        KeyRotations nodeA = node(dying);
        KeyRotations.Rotation asked = nodeA.request("ops");
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> tickAfter(null, nodeA));
        assertThat(dying.inRewrap.await(60, TimeUnit.SECONDS)).isTrue();
        nodeA.close(); // its lease is no longer renewed: as if the node had died in the middle of the rewrap
        try (KeyRotations nodeB = node(new Jobs(counts, null))) {
            nodeB.tick();
            assertThat(nodeB.find(asked.id()).orElseThrow().phase())
                    .as("the lease of the dead node still holds")
                    .isEqualTo(KeyRotations.Phase.REWRAPPING);

            clock.advance(LEASE.plusSeconds(1));
            nodeB.tick();

            KeyRotations.Rotation done = nodeB.find(asked.id()).orElseThrow();
            assertThat(done.phase()).isEqualTo(KeyRotations.Phase.DONE);
            assertThat(counts.scans.get())
                    .as("the phase the dead node finished is not done again")
                    .isEqualTo(1);
            assertThat(counts.rederivations.get()).isEqualTo(1);
            assertThat(counts.rebuilds.get()).isEqualTo(1);

            never.countDown();
            a.get(60, TimeUnit.SECONDS);
            assertThat(nodeB.find(asked.id()).orElseThrow())
                    .as("the node that came back after losing its lease changes nothing")
                    .isEqualTo(done);
        }
    }

    @Test
    void aRotationLeftWithLookUpRowsUnderTheOldKeyFailsSayingHowMany() throws Exception {
        Jobs jobs = new Jobs(counts, null);
        jobs.left = new HmacKeyRotation.Remaining(2, 0, 2);
        try (KeyRotations node = node(jobs)) {
            KeyRotations.Rotation asked = node.request("ops");
            node.tick();
            KeyRotations.Rotation failed = node.find(asked.id()).orElseThrow();
            assertThat(failed.phase()).isEqualTo(KeyRotations.Phase.FAILED);
            assertThat(failed.error()).contains("2 look-up rows are still under another HMAC key");
            assertThat(counts.rebuilds.get())
                    .as("no rebuild before the rows are done")
                    .isZero();
            assertThat(node.running()).isEmpty();
        }
    }

    private KeyRotations node(Jobs jobs) {
        return new KeyRotations(jdbc, jobs, jobs, jobs, jobs, LEASE, clock);
    }

    private static void tickAfter(CyclicBarrier barrier, KeyRotations node) {
        try {
            if (barrier != null) {
                barrier.await(60, TimeUnit.SECONDS);
            }
            node.tick();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counts {
        final AtomicInteger scans = new AtomicInteger();
        final AtomicInteger rewraps = new AtomicInteger();
        final AtomicInteger rederivations = new AtomicInteger();
        final AtomicInteger rebuilds = new AtomicInteger();
    }

    /** The secrets store's jobs, the event store and the rebuild of one node, counting what they are asked to do. */
    private static final class Jobs
            implements HmacKeyRotation, KeyRewrapJob, KeyRotations.TokenSource, KeyRotations.ReadSideRebuild {

        final Counts counts;
        final CountDownLatch holdRederivation;
        final CountDownLatch inRewrap = new CountDownLatch(1);
        CountDownLatch rewrapBlocksOn;
        HmacKeyRotation.Remaining left = new HmacKeyRotation.Remaining(0, 0, 0);

        Jobs(Counts counts, CountDownLatch holdRederivation) {
            this.counts = counts;
            this.holdRederivation = holdRederivation;
        }

        @Override
        public long primaryKeyId() {
            return 2;
        }

        @Override
        public List<Long> keyIds() {
            return List.of(2L, 1L);
        }

        @Override
        public HmacKeyRotation.Remaining remaining() {
            return left;
        }

        @Override
        public int adopt(String token) {
            return 1;
        }

        @Override
        public int rederiveAll() {
            counts.rederivations.incrementAndGet();
            if (holdRederivation != null) {
                awaitUninterruptibly(holdRederivation);
            }
            return 3;
        }

        @Override
        public int rewrapAll() {
            counts.rewraps.incrementAndGet();
            inRewrap.countDown();
            if (rewrapBlocksOn != null) {
                awaitUninterruptibly(rewrapBlocksOn);
            }
            return 5;
        }

        @Override
        public long remainingSubjectKeys() {
            return 0;
        }

        @Override
        public long primaryKekKeyId() {
            return 7;
        }

        @Override
        public void forEachToken(Consumer<String> action) {
            counts.scans.incrementAndGet();
            action.accept("pd1.token");
        }

        @Override
        public void rebuildAll(String requestedBy, String reason) {
            counts.rebuilds.incrementAndGet();
        }

        private static void awaitUninterruptibly(CountDownLatch latch) {
            boolean interrupted = false;
            while (true) {
                try {
                    if (!latch.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("latch not released");
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
