package se.caseflow.axon;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Axon's deadline task for db-scheduler, with one change: a failed firing is retried after {@link #FIRST_RETRY},
 * growing by half each time, instead of db-scheduler's fixed 5 minutes. A firing fails mostly because another
 * node changed the same aggregate at the same moment (its events collide on the sequence number and roll back);
 * the deadline handlers are idempotent, so an early retry is safe and keeps the deadline on time. Replaces
 * {@link AxonDbSchedulerAutoConfiguration}'s bean of the same qualifier, which is why it runs before it.
 */
@AutoConfiguration(before = AxonDbSchedulerAutoConfiguration.class)
public class DeadlineRetryConfiguration {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final double BACKOFF_RATE = 1.5;

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context) {
        Task<DbSchedulerBinaryDeadlineDetails> axon =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return Tasks.oneTime(axon.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY, BACKOFF_RATE))
                .execute((instance, execution) -> axon.execute(instance, execution));
    }
}
