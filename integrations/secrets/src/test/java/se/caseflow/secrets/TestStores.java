package se.caseflow.secrets;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the store's classes directly on a data source, as the auto-configuration does. */
final class TestStores {

    private TestStores() {}

    static SecretsProperties properties(int rewrapBatchSize) {
        return new SecretsProperties(Path.of("unused.json"), null, false, 1000, Duration.ofMinutes(5), rewrapBatchSize);
    }

    static TransactionTemplate transactions(DataSource dataSource) {
        return new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    static SecretsStore store(DataSource dataSource, KeyMaterial keys) {
        return store(dataSource, keys, Clock.systemUTC());
    }

    /** A store with its own key cache (time to live {@link #properties}' five minutes) on the given clock. */
    static SecretsStore store(DataSource dataSource, KeyMaterial keys, Clock clock) {
        return SecretsConfiguration.create(keys, properties(500), dataSource, transactions(dataSource), clock);
    }

    static HmacKeyRotation hmacKeyRotation(DataSource dataSource, KeyMaterial keys, int batchSize) {
        return SecretsConfiguration.hmacKeyRotation(
                keys, properties(batchSize), dataSource, transactions(dataSource), Clock.systemUTC());
    }

    static KeyRewrapJob rewrapJob(DataSource dataSource, KeyMaterial keys, int batchSize) {
        return new SubjectKeyRewrapJob(
                keys, new SubjectKeyRepository(dataSource), transactions(dataSource), batchSize, Clock.systemUTC());
    }
}
