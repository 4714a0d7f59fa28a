package se.caseflow.idempotence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.idempotency.IdempotencyStore;
import se.caseflow.testsupport.MutableClock;
import se.caseflow.testsupport.PostgresTestDatabase;

/** The scheduled purge job as the application wires it: keys past their retention go, younger ones stay. */
class IdempotencyKeyPurgeTest {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.create("idempotence_purge");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration RETENTION = Duration.ofHours(24);

    @AfterAll
    static void dropDatabase() {
        POSTGRES.close();
    }

    @Test
    void theJobDeletesKeysPastTheirRetentionByItsClockAndKeepsYoungerOnes() {
        DataSource dataSource = POSTGRES.dataSource();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
        MutableClock clock = MutableClock.at(NOW);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        IdempotencyStore claims = new JdbcIdempotencyStore(jdbc);
        Instant dayBefore = NOW.minus(RETENTION);
        claims.claim("staff", "a-day-and-a-second-old", "a".repeat(64), dayBefore.minusSeconds(1), NOW.minusSeconds(1));
        claims.claim("staff", "a-day-old-less-a-second", "a".repeat(64), dayBefore.plusSeconds(1), NOW.plusSeconds(1));

        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, IdempotenceConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withBean(MutableClock.class, () -> clock)
                .withPropertyValues("caseflow.idempotency.purge-interval=PT0.1S")
                .run(context -> {
                    waitUntil(() -> keys(jdbc) == 1);

                    assertThat(jdbc.queryForList("SELECT idem_key FROM idempotency_key", String.class))
                            .containsExactly("a-day-old-less-a-second");
                    clock.advance(Duration.ofSeconds(1));
                    waitUntil(() -> keys(jdbc) == 0);
                });
    }

    private static int keys(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key", Integer.class);
    }

    /** Polls a condition the job makes true; the 30 s are only a guard against a hang. */
    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("the keys the purge job should leave, not reached within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
