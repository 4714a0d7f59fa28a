package se.caseflow.web.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link StandInsGuard}, static so that it runs before any other bean is made. */
@Configuration(proxyBeanMethods = false)
class StandInsConfiguration {

    @Bean
    static StandInsGuard standInsGuard() {
        return new StandInsGuard();
    }
}
