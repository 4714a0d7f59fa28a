package se.caseflow.axon;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the rest of caseflow may know of Axon's tables: {@link ProcessorTokens} and {@link StoredEvents}. */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnBean(JdbcTemplate.class)
public class AxonTablesConfiguration {

    @Bean
    public ProcessorTokens processorTokens(JdbcTemplate jdbc, ObjectProvider<TokenStore> tokenStore) {
        return new ProcessorTokens(jdbc, tokenStore.getIfAvailable());
    }

    @Bean
    public StoredEvents storedEvents(JdbcTemplate jdbc) {
        return new StoredEvents(jdbc);
    }
}
