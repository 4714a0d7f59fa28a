package se.caseflow.axon;

import org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Wiring that only applies when events, commands and queries go through Axon Server. */
@AutoConfiguration(before = AxonServerAutoConfiguration.class)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class AxonServerProfileConfiguration {

    /** Created early: a missing server is reported before any connection or processor is attempted. */
    @Bean
    static AxonServerReachability axonServerReachability(
            @Value("${axon.axonserver.servers:localhost}") String servers) {
        return new AxonServerReachability(servers);
    }
}
