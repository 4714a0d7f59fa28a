package se.caseflow.web.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code caseflow.*} settings of the web application.
 *
 * @param commandThreads worker threads that run commands (and so their JDBC work) off the event loop
 * @param maxCommandBytes largest accepted command body
 * @param idempotency how long an idempotency key is remembered
 */
@ConfigurationProperties("caseflow")
public record CaseflowProperties(
        @DefaultValue("16") int commandThreads,
        @DefaultValue("65536") int maxCommandBytes,
        @DefaultValue Idempotency idempotency) {

    public record Idempotency(@DefaultValue("PT24H") Duration retention) {}
}
