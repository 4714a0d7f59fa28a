package se.caseflow.web.config;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.net.ConnectException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * Redis holds the read side, and caseflow does not start without it. When it is not there at start-up, this says
 * so in one line, with how to start it, instead of a screen of nested bean-creation exceptions. Spring Boot prints
 * the analysis in place of the stack trace and the process exits with status 1.
 */
class RedisUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<RedisConnectionException> {

    private static final String DEFAULT_URI = "redis://localhost:6379/0";

    private final Environment environment;

    RedisUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisConnectionException cause) {
        String uri = environment.getProperty("caseflow.redis.uri", DEFAULT_URI);
        Throwable specific = NestedExceptionUtils.getMostSpecificCause(cause);
        String reason = specific instanceof ConnectException ? "connection refused" : specific.getMessage();
        return new FailureAnalysis(
                "caseflow needs Redis for its read side and none answers at " + hostAndPort(uri)
                        + " (caseflow.redis.uri; " + reason + "): start one with 'redis-server' or"
                        + " 'docker run -p 6379:6379 redis:7', or set CASEFLOW_REDIS_URI to where yours runs.",
                null,
                cause);
    }

    /** Host and port only: the URI may carry a password. */
    private static String hostAndPort(String uri) {
        try {
            RedisURI parsed = RedisURI.create(uri);
            return parsed.getHost() + ":" + parsed.getPort();
        } catch (RuntimeException unparsable) {
            return "the configured address";
        }
    }
}
