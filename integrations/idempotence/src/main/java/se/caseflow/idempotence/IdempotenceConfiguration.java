package se.caseflow.idempotence;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import se.caseflow.domain.idempotency.IdempotencyStore;

/** The JDBC idempotency store and its purge job. */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@EnableScheduling
public class IdempotenceConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbcTemplate) {
        return new JdbcIdempotencyStore(jdbcTemplate);
    }

    @Bean
    IdempotencyKeyPurge idempotencyKeyPurge(IdempotencyStore store, Clock clock) {
        return new IdempotencyKeyPurge(store, clock);
    }
}
