package se.caseflow.web.config;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start, before any bean is made, when a profile is active (not the default local mode) and a stand-in is
 * configured whose {@code caseflow.allow.*} property is not true: generated keys, dev users, the UC simulator, the
 * SMS outbox. A deployment gets none of them by accident; a test stand or a demo says so, one property each. A bean
 * factory post-processor rather than an environment post-processor: it sees every property source, the ones a test
 * adds to the context included.
 */
class StandInsGuard implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String[] profiles = environment.getActiveProfiles();
        if (profiles.length == 0) {
            return;
        }
        List<StandIn> refused = Arrays.stream(StandIn.values())
                .filter(standIn -> standIn.configuredIn(environment) && !standIn.allowedIn(environment))
                .toList();
        if (!refused.isEmpty()) {
            throw new StandInsRefusedException(Arrays.asList(profiles), refused);
        }
    }
}
