package se.caseflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.testsupport.MutableClock;
import se.caseflow.testsupport.PostgresTestDatabase;

class SecretsStorePostgresTest extends SecretsStoreContract {

    private PostgresTestDatabase database;

    @Override
    DataSource openDatabase() {
        database = PostgresTestDatabase.create("secrets");
        return database.dataSource();
    }

    @Override
    void closeDatabase() {
        database.close();
    }

    @Override
    String migrations() {
        return "classpath:db/migration/postgresql";
    }

    /**
     * Forces the worst interleaving: the first transaction has inserted the subject's key but not committed when the
     * second one tries to insert its own. The second must wait, then use the first one's key.
     */
    @Test
    void secondTransactionWaitsForTheFirstOnesNewKeyAndUsesIt() throws Exception {
        String subject = "s_" + "7".repeat(32); // a subject with no key yet, as an unmatched message's
        SecretsStore nodeA = TestStores.store(dataSource, keys);
        SecretsStore nodeB = TestStores.store(dataSource, keys);
        CountDownLatch aHasInserted = new CountDownLatch(1);
        CountDownLatch aMayCommit = new CountDownLatch(1);

        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> TestStores.transactions(dataSource)
                .execute(status -> {
                    String token = nodeA.wrap(subject, PersonalDataKind.PHONE_NUMBER, "+46701111110");
                    aHasInserted.countDown();
                    awaitLatch(aMayCommit);
                    return token;
                }));
        awaitLatch(aHasInserted);
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> TestStores.transactions(dataSource)
                .execute(status -> nodeB.wrap(subject, PersonalDataKind.PHONE_NUMBER, "+46701111111")));
        waitUntilABackendWaitsForALock();
        aMayCommit.countDown();

        String tokenA = a.get(60, TimeUnit.SECONDS);
        String tokenB = b.get(60, TimeUnit.SECONDS);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_subject_key", Integer.class))
                .isEqualTo(1);
        assertThat(PersonalDataToken.parse(tokenB).keyId())
                .isEqualTo(PersonalDataToken.parse(tokenA).keyId());
        SecretsStore reader = TestStores.store(dataSource, keys);
        assertThat(reader.unwrap(tokenA, TrustedCaller.SMS_SENDER, "race"))
                .isEqualTo(new Unwrapped.Revealed("+46701111110"));
        assertThat(reader.unwrap(tokenB, TrustedCaller.SMS_SENDER, "race"))
                .isEqualTo(new Unwrapped.Revealed("+46701111111"));
    }

    /**
     * Two nodes, one database: the node that shreds forgets the key at once; the other node's cached copy is used for
     * at most the cache's time to live and then forgotten too.
     */
    @Test
    void anotherNodeForgetsAShreddedKeyWithinTheCacheTtl() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T10:00:00Z"));
        Duration cacheTtl = TestStores.properties(500).cacheTtl();
        SecretsStore shredding = TestStores.store(dataSource, keys, clock);
        SecretsStore other = TestStores.store(dataSource, keys, clock);
        String token =
                shredding.wrap(shredding.subjectFor(PERSONAL_NUMBER), PersonalDataKind.PHONE_NUMBER, "+46701740605");
        assertThat(other.unwrap(token, TrustedCaller.SMS_SENDER, "fill the cache"))
                .isEqualTo(new Unwrapped.Revealed("+46701740605"));

        assertThat(shredding.shred(shredding.subjectFor(PERSONAL_NUMBER))).isTrue();
        assertThat(shredding.unwrap(token, TrustedCaller.SMS_SENDER, "after erasure"))
                .isInstanceOf(Unwrapped.Erased.class);
        clock.advance(cacheTtl);

        assertThat(other.unwrap(token, TrustedCaller.SMS_SENDER, "a cache-ttl after erasure"))
                .isInstanceOf(Unwrapped.Erased.class);
    }

    @Test
    void aKeyCreatedInARolledBackTransactionIsNeverUsed() {
        String subject = "s_" + "8".repeat(32); // a subject with no key yet, as an unmatched message's
        try {
            TestStores.transactions(dataSource).executeWithoutResult(status -> {
                store.wrap(subject, PersonalDataKind.NAME, "Rolled Back");
                status.setRollbackOnly();
            });
        } finally {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_subject_key", Integer.class))
                    .isZero();
        }
        String token = store.wrap(subject, PersonalDataKind.NAME, "Committed");
        assertThat(TestStores.store(dataSource, keys).unwrap(token, TrustedCaller.STAFF_PROJECTION, "after rollback"))
                .isEqualTo(new Unwrapped.Revealed("Committed"));
    }

    private void waitUntilABackendWaitsForALock() throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            Integer waiting = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock'",
                    Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the second transaction never waited for the first one's key row");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
