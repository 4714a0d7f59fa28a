package se.caseflow.axon;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Deadlines for every aggregate and saga: Axon's {@link DbSchedulerDeadlineManager} on db-scheduler's
 * table {@code scheduled_tasks} in the event database (Flyway {@code V14__deadlines}), built by Axon's
 * {@link AxonDbSchedulerAutoConfiguration} from the db-scheduler Spring Boot starter's scheduler
 * ({@code db-scheduler.*} settings). Persistent and shared by all nodes: a deadline survives a restart
 * and fires on one node. Start-up stops if anything else (the in-memory SimpleDeadlineManager) is wired,
 * because its deadlines would vanish with the JVM.
 */
@AutoConfiguration(after = AxonDbSchedulerAutoConfiguration.class)
public class DeadlineConfiguration {

    @Bean
    SmartInitializingSingleton persistentDeadlinesOnly(ObjectProvider<DeadlineManager> deadlineManager) {
        return () -> {
            DeadlineManager manager = deadlineManager.getIfAvailable();
            if (!(manager instanceof DbSchedulerDeadlineManager)) {
                throw new IllegalStateException("caseflow needs the persistent DbSchedulerDeadlineManager, but "
                        + (manager == null
                                ? "no deadline manager"
                                : manager.getClass().getName())
                        + " is configured; is db-scheduler-spring-boot-starter on the classpath?");
            }
        };
    }
}
