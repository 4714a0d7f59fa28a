package se.caseflow.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's {@link DbSchedulerDeadlineManager}, built exactly as {@link AxonDbSchedulerAutoConfiguration} builds it (the
 * db-scheduler starter's scheduler starts and stops it), with one change: a fired deadline goes through
 * {@link DeadlineScopes}, so deadline handlers of caseflow's own (the case's {@code CaseDeadlines}) take the scopes
 * they claim. Runs after db-scheduler's configuration (its scheduler) and before Axon's, whose bean then backs off.
 */
@AutoConfiguration(
        before = AxonDbSchedulerAutoConfiguration.class,
        afterName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration")
@ConditionalOnBean(Scheduler.class)
public class DeadlineManagerConfiguration {

    @Bean
    DeadlineManager deadlineManager(
            Scheduler scheduler,
            Configuration configuration,
            @Qualifier("eventSerializer") Serializer serializer,
            TransactionManager transactionManager,
            DeadlineManagerSpanFactory spanFactory,
            ObjectProvider<ScopeAware> handlers) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new DeadlineScopes(new ConfigurationScopeAwareProvider(configuration), handlers))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }
}
