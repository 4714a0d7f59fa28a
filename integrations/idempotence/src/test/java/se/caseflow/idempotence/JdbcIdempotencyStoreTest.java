package se.caseflow.idempotence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.domain.idempotency.IdempotencyStore.PreviousUse;
import se.caseflow.testsupport.PostgresTestDatabase;

/** The idempotency table on both databases caseflow runs on: the real PostgreSQL server and H2. */
class JdbcIdempotencyStoreTest {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.create("idempotence");
    private static final DataSource POSTGRES_SOURCE = migrated(POSTGRES.dataSource(), "postgresql");
    private static final DataSource H2_SOURCE = migrated(
            new DriverManagerDataSource(
                    "jdbc:h2:mem:idempotence;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", ""),
            "h2");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(24));
    private static final String STAFF = "staff";

    @AfterAll
    static void dropDatabase() {
        POSTGRES.close();
    }

    private static DataSource migrated(DataSource dataSource, String vendor) {
        return migrated(dataSource, vendor, MigrationVersion.LATEST);
    }

    private static DataSource migrated(DataSource dataSource, String vendor, MigrationVersion target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .target(target)
                .load()
                .migrate();
        return dataSource;
    }

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("postgresql", POSTGRES_SOURCE), Arguments.of("h2", H2_SOURCE));
    }

    private static String key(String vendor, String name) {
        return vendor + "-" + name + "-" + System.nanoTime();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void firstClaimWinsAndTheAnswerIsKept(String vendor, DataSource dataSource) {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(new JdbcTemplate(dataSource));
        String key = key(vendor, "first");

        assertThat(store.claim(STAFF, key, "a".repeat(64), NOW, LATER)).isEmpty();
        store.complete(STAFF, key, "c1", "{\"caseId\":\"c1\"}");

        assertThat(store.claim(STAFF, key, "b".repeat(64), NOW.plusSeconds(5), LATER))
                .contains(new PreviousUse("a".repeat(64), "{\"caseId\":\"c1\"}"));
    }

    /**
     * An erasure takes the keys of every case holding the person's data (as applicant or co-applicant), in every
     * namespace, and no other key: a fingerprint hashes the command in plaintext, which a guess could confirm.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void forgettingASubjectDeletesTheKeysOfItsCasesAndNoOthers(String vendor, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(jdbc);
        JdbcSubjectCases subjectCases = new JdbcSubjectCases(jdbc);
        String erased = "s_" + key(vendor, "erased");
        String someoneElse = "s_" + key(vendor, "someone-else");
        String applicantCase = UUID.randomUUID().toString();
        String coApplicantCase = UUID.randomUUID().toString();
        String otherCase = UUID.randomUUID().toString();
        subjectCases.record(applicantCase, erased);
        subjectCases.record(coApplicantCase, someoneElse);
        subjectCases.record(coApplicantCase, erased);
        subjectCases.record(otherCase, someoneElse);
        String note = key(vendor, "note");
        String sms = key(vendor, "sms");
        String opened = key(vendor, "opened");
        String other = key(vendor, "other");
        claimAndComplete(store, STAFF, note, applicantCase);
        claimAndComplete(store, "internal", sms, applicantCase);
        claimAndComplete(store, STAFF, opened, coApplicantCase);
        claimAndComplete(store, STAFF, other, otherCase);

        assertThat(subjectCases.forgetKeys(erased)).isEqualTo(3);

        assertThat(Stream.of(note, sms, opened).map(key -> count(dataSource, key)))
                .containsOnly(0);
        assertThat(store.claim(STAFF, other, "b".repeat(64), NOW, LATER))
                .contains(new PreviousUse("a".repeat(64), "{}"));
        assertThat(subjectCases.forgetKeys(erased)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM idempotency_case_subject WHERE subject = ?", Integer.class, erased))
                .isZero();
    }

    private static void claimAndComplete(JdbcIdempotencyStore store, String namespace, String key, String caseId) {
        assertThat(store.claim(namespace, key, "a".repeat(64), NOW, LATER)).isEmpty();
        store.complete(namespace, key, caseId, "{}");
    }

    /** Each gate has its own keys: a staff client's key can never be a Twilio webhook's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSameKeyInTwoNamespacesIsTwoClaims(String vendor, DataSource dataSource) {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(new JdbcTemplate(dataSource));
        String key = "twilio-status:" + key(vendor, "shared") + ":delivered:";

        assertThat(store.claim(STAFF, key, "a".repeat(64), NOW, LATER)).isEmpty();
        store.complete(STAFF, key, "staff", "{\"caseId\":\"staff\"}");
        assertThat(store.claim("internal", key, "b".repeat(64), NOW, LATER)).isEmpty();
        store.complete("internal", key, "internal", "{\"caseId\":\"internal\"}");

        assertThat(store.claim(STAFF, key, "c".repeat(64), NOW, LATER))
                .contains(new PreviousUse("a".repeat(64), "{\"caseId\":\"staff\"}"));
        assertThat(store.claim("internal", key, "c".repeat(64), NOW, LATER))
                .contains(new PreviousUse("b".repeat(64), "{\"caseId\":\"internal\"}"));
        assertThat(count(dataSource, key)).isEqualTo(2);
    }

    /** A key stored before V17 gave every gate its namespace is a staff key: a retry across the deploy replays. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void aKeyStoredBeforeNamespacesIsAStaffKey(String vendor) {
        PostgresTestDatabase postgres =
                vendor.equals("postgresql") ? PostgresTestDatabase.create("idem_upgrade") : null;
        try {
            DataSource dataSource = postgres != null
                    ? postgres.dataSource()
                    : new DriverManagerDataSource(
                            "jdbc:h2:mem:idem_upgrade;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                            "sa",
                            "");
            migrated(dataSource, vendor, MigrationVersion.fromVersion("2"));
            String key = key(vendor, "before");
            new JdbcTemplate(dataSource)
                    .update(
                            "INSERT INTO idempotency_key (idem_key, fingerprint, outcome, created_at, expires_at)"
                                    + " VALUES (?, ?, ?, ?, ?)",
                            key,
                            "a".repeat(64),
                            "{\"caseId\":\"c1\"}",
                            Timestamp.from(NOW),
                            Timestamp.from(LATER));

            migrated(dataSource, vendor);

            JdbcIdempotencyStore store = new JdbcIdempotencyStore(new JdbcTemplate(dataSource));
            assertThat(store.claim(STAFF, key, "a".repeat(64), NOW.plusSeconds(5), LATER))
                    .contains(new PreviousUse("a".repeat(64), "{\"caseId\":\"c1\"}"));
            assertThat(store.claim("internal", key, "a".repeat(64), NOW.plusSeconds(5), LATER))
                    .isEmpty();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    static Stream<String> vendors() {
        return Stream.of("postgresql", "h2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anExpiredKeyCanBeClaimedAgain(String vendor, DataSource dataSource) {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(new JdbcTemplate(dataSource));
        String key = key(vendor, "expired");
        store.claim(STAFF, key, "a".repeat(64), NOW, NOW.plusSeconds(60));
        store.complete(STAFF, key, "c1", "{}");

        assertThat(store.claim(STAFF, key, "b".repeat(64), NOW.plusSeconds(61), LATER))
                .isEmpty();
        assertThat(store.claim(STAFF, key, "c".repeat(64), NOW.plusSeconds(62), LATER))
                .map(PreviousUse::fingerprint)
                .contains("b".repeat(64));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void purgeDeletesOnlyExpiredKeys(String vendor, DataSource dataSource) {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(new JdbcTemplate(dataSource));
        String old = key(vendor, "old");
        String fresh = key(vendor, "fresh");
        Instant farFuture = NOW.plus(Duration.ofDays(3650));
        store.claim("internal", old, "a".repeat(64), NOW, NOW.plusSeconds(1));
        store.claim(STAFF, fresh, "a".repeat(64), NOW, farFuture);

        assertThat(store.purgeExpired(NOW.plusSeconds(2))).isGreaterThanOrEqualTo(1);

        assertThat(count(dataSource, old)).isZero();
        assertThat(count(dataSource, fresh)).isEqualTo(1);
    }

    /** A second claim of a key held by an open transaction waits, then sees the committed answer. */
    @Test
    void concurrentClaimWaitsForTheFirstTransaction() throws Exception {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(new JdbcTemplate(POSTGRES_SOURCE));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(POSTGRES_SOURCE));
        String key = key("postgresql", "race");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            store.claim(STAFF, key, "a".repeat(64), NOW, LATER);
            store.complete(STAFF, key, "first", "{\"caseId\":\"first\"}");
            claimed.countDown();
            await(release);
        }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Optional<PreviousUse>> second = CompletableFuture.supplyAsync(
                () -> transactions.execute(tx -> store.claim(STAFF, key, "a".repeat(64), NOW, LATER)));

        assertThat(waitForBlockedTransaction())
                .as("second claim waits on the key's lock")
                .isTrue();
        assertThat(second).isNotDone();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS))
                .contains(new PreviousUse("a".repeat(64), "{\"caseId\":\"first\"}"));
    }

    private static boolean waitForBlockedTransaction() throws InterruptedException {
        JdbcTemplate jdbc = new JdbcTemplate(POSTGRES_SOURCE);
        for (int attempt = 0; attempt < 200; attempt++) {
            Integer waiting = jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                    Integer.class);
            if (waiting > 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static int count(DataSource dataSource, String key) {
        return new JdbcTemplate(dataSource)
                .queryForObject("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", Integer.class, key);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
