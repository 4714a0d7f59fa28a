package se.caseflow.secrets;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * Auto-configuration of the secrets store on the application's {@link DataSource}. Exposes one bean that is the
 * {@link PersonalDataVault}, the {@link se.caseflow.domain.personal.PersonalDataUnwrapper} and the
 * {@link SubjectShredder}, plus the {@link KeyRewrapJob}, the {@link HmacKeyRotation} and the {@link FileKeys} for data kept on a node's disk. The tables come from the Flyway migrations in
 * {@code db/migration/{vendor}/V3__secrets.sql}.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretsConfiguration {

    @Bean
    KeyMaterial secretsKeyMaterial(SecretsProperties properties) {
        return KeyMaterialLoader.load(properties);
    }

    @Bean
    @ConditionalOnMissingBean(PersonalDataVault.class)
    SecretsStore secretsStore(
            KeyMaterial secretsKeyMaterial,
            SecretsProperties properties,
            DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManager,
            ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return create(secretsKeyMaterial, properties, dataSource, transactions(dataSource, transactionManager), time);
    }

    @Bean
    @ConditionalOnMissingBean(FileKeys.class)
    FileKeys secretsFileKeys(KeyMaterial secretsKeyMaterial) {
        return new KekFileKeys(secretsKeyMaterial);
    }

    @Bean
    @ConditionalOnMissingBean(KeyRewrapJob.class)
    KeyRewrapJob secretsKeyRewrapJob(
            KeyMaterial secretsKeyMaterial,
            SecretsProperties properties,
            DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManager,
            ObjectProvider<Clock> clock) {
        return new SubjectKeyRewrapJob(
                secretsKeyMaterial,
                new SubjectKeyRepository(dataSource),
                transactions(dataSource, transactionManager),
                properties.rewrapBatchSize(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(HmacKeyRotation.class)
    HmacKeyRotation secretsHmacKeyRotation(
            KeyMaterial secretsKeyMaterial,
            SecretsProperties properties,
            DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManager,
            ObjectProvider<Clock> clock) {
        return hmacKeyRotation(
                secretsKeyMaterial,
                properties,
                dataSource,
                transactions(dataSource, transactionManager),
                clock.getIfUnique(Clock::systemUTC));
    }

    static HmacKeyRotation hmacKeyRotation(
            KeyMaterial keyMaterial,
            SecretsProperties properties,
            DataSource dataSource,
            TransactionTemplate transactions,
            Clock clock) {
        return new LookupRederivationJob(
                create(keyMaterial, properties, dataSource, transactions, clock),
                keyMaterial,
                transactions,
                properties.rewrapBatchSize(),
                clock);
    }

    static SecretsStore create(
            KeyMaterial keyMaterial,
            SecretsProperties properties,
            DataSource dataSource,
            TransactionTemplate transactions,
            Clock clock) {
        SubjectKeyRepository repository = new SubjectKeyRepository(dataSource);
        SubjectKeyCache cache = new SubjectKeyCache(properties.cacheSize(), properties.cacheTtl(), clock);
        return new SecretsStore(
                keyMaterial,
                new SubjectKeys(keyMaterial, repository, cache, clock),
                repository,
                new UnwrapAudit(dataSource, transactions, clock),
                transactions,
                clock);
    }

    private static TransactionTemplate transactions(
            DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager) {
        return new TransactionTemplate(transactionManager.getIfUnique(() -> new JdbcTransactionManager(dataSource)));
    }
}
