package se.caseflow.uc;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import se.caseflow.domain.creditreport.CreditCheckProcedure;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.identity.IdentityCheckProcedure;
import se.caseflow.domain.personal.PersonalDataUnwrapper;

/**
 * UC wiring, on unless {@code caseflow.uc.enabled=false}: the SOAP client (or the local simulator), the
 * adapter behind the identity and credit-report ports, the identity cache in Redis, and the procedures the sagas
 * run, which send their commands through {@link InternalCommands}. The sagas' processors (docs/adr/0012) are set
 * up with every other one in axon-config's {@code EventProcessorSettings}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "caseflow.uc", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(UcProperties.class)
public class UcConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UcConfiguration.class);

    /**
     * Where the identity cache keeps a person's identity-check result: {@code <prefix>uc-identity/<subject>}.
     * Public (the module's internals are not) for the erasure, which deletes the entry whether UC is switched on
     * now or was when it was written.
     */
    public static String identityCacheKey(String keyPrefix, String subject) {
        return keyPrefix + "uc-identity/" + subject;
    }

    @Bean(destroyMethod = "close")
    UcEndpoint ucEndpoint(UcProperties properties) {
        properties.check();
        if (properties.endpoint() != null) {
            return new UcEndpoint(properties.endpoint(), null);
        }
        try {
            UcSimulator simulator = new UcSimulator(properties.simulatorPort());
            log.warn(
                    "UC SIMULATOR serving {}: no caseflow.uc.endpoint is configured, so identity checks and credit"
                            + " reports are simulated and answered only for Skatteverket's test personnummer",
                    simulator.endpoint());
            return new UcEndpoint(simulator.endpoint(), simulator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the UC simulator", e);
        }
    }

    @Bean
    UcClient ucClient(UcEndpoint endpoint, UcProperties properties) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        boolean simulated = endpoint.simulator() != null;
        return new UcClient(
                new SoapTransport(http, endpoint.uri(), properties.readTimeout(), properties.maxReplyBytes()),
                simulated ? "LOCAL" : properties.userId(),
                simulated ? "SIM" : properties.password(),
                properties.product());
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient ucRedisClient(
            @Value("${caseflow.redis.uri:redis://localhost:6379/0}") String uri,
            @Value("${caseflow.redis.timeout:PT5S}") Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        return RedisClient.create(redisUri);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> ucRedisConnection(RedisClient ucRedisClient) {
        return ucRedisClient.connect();
    }

    @Bean
    IdentityCache identityCache(
            StatefulRedisConnection<String, String> ucRedisConnection,
            @Value("${caseflow.redis.key-prefix:caseflow:}") String keyPrefix,
            UcProperties properties) {
        return new IdentityCache(ucRedisConnection, keyPrefix, properties.identityCacheTtl());
    }

    @Bean
    UcAdapter ucAdapter(
            UcClient client,
            PersonalDataUnwrapper unwrapper,
            IdentityCache identityCache,
            ObjectProvider<MeterRegistry> meters) {
        return new UcAdapter(client, unwrapper, identityCache, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    CreditCheckProcedure creditCheckProcedure(
            UcAdapter ucAdapter,
            InternalCommands internalCommands,
            ObjectProvider<Clock> clock,
            UcProperties properties) {
        return new CreditCheckProcedure(
                ucAdapter, internalCommands, clock.getIfAvailable(Clock::systemUTC), properties.maxEventAge());
    }

    @Bean
    IdentityCheckProcedure identityCheckProcedure(
            UcAdapter ucAdapter,
            InternalCommands internalCommands,
            ObjectProvider<Clock> clock,
            UcProperties properties) {
        return new IdentityCheckProcedure(
                ucAdapter, internalCommands, clock.getIfAvailable(Clock::systemUTC), properties.maxEventAge());
    }

    /** Where UC is: the configured endpoint, or the simulator this node runs. */
    record UcEndpoint(URI uri, UcSimulator simulator) implements AutoCloseable {
        @Override
        public void close() {
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
