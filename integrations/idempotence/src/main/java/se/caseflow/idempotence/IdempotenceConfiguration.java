package se.caseflow.idempotence;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import se.caseflow.domain.idempotency.IdempotencyStore;
import se.caseflow.domain.idempotency.SubjectCases;

/** The JDBC idempotency store, the cases of each subject its keys are erased by, and its purge job. */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@EnableScheduling
public class IdempotenceConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbcTemplate) {
        return new JdbcIdempotencyStore(jdbcTemplate);
    }

    @Bean
    SubjectCases subjectCases(JdbcTemplate jdbcTemplate) {
        return new JdbcSubjectCases(jdbcTemplate);
    }

    @Bean
    IdempotencyKeyPurge idempotencyKeyPurge(IdempotencyStore store, Clock clock) {
        return new IdempotencyKeyPurge(store, clock);
    }
}
