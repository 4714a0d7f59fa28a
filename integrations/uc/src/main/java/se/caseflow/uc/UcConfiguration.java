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
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import se.caseflow.domain.credit.CreditCheckProcedure;
import se.caseflow.domain.credit.CreditCheckSaga;
import se.caseflow.domain.credit.DetachedCommands;
import se.caseflow.domain.credit.IdentityCheckProcedure;
import se.caseflow.domain.credit.IdentityCheckSaga;
import se.caseflow.domain.personal.PersonalDataUnwrapper;

/**
 * UC wiring, on unless {@code caseflow.uc.enabled=false}: the SOAP client (or the local simulator), the
 * adapter behind the identity and credit-report ports, the identity cache in Redis, the procedures the sagas
 * run, and the sagas' processors (docs/adr/0012): tracking, one thread, one event per batch, starting at the
 * head of the stream, errors propagated so an event whose result could not be recorded is delivered again.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "caseflow.uc", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(UcProperties.class)
public class UcConfiguration {

    @Bean(destroyMethod = "close")
    UcEndpoint ucEndpoint(UcProperties properties) {
        properties.check();
        if (properties.endpoint() != null) {
            return new UcEndpoint(properties.endpoint(), null);
        }
        try {
            UcSimulator simulator = new UcSimulator(properties.simulatorPort());
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
                new SoapTransport(http, endpoint.uri(), properties.readTimeout()),
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

    @Bean(destroyMethod = "close")
    DetachedCommands detachedCommands(CommandGateway commandGateway, UcProperties properties) {
        return new DetachedCommands(commandGateway, 4, properties.readTimeout().plusSeconds(30));
    }

    @Bean
    CreditCheckProcedure creditCheckProcedure(
            UcAdapter ucAdapter,
            DetachedCommands detachedCommands,
            ObjectProvider<Clock> clock,
            UcProperties properties) {
        return new CreditCheckProcedure(
                ucAdapter, detachedCommands, clock.getIfAvailable(Clock::systemUTC), properties.maxEventAge());
    }

    @Bean
    IdentityCheckProcedure identityCheckProcedure(
            UcAdapter ucAdapter, CommandGateway commandGateway, ObjectProvider<Clock> clock, UcProperties properties) {
        return new IdentityCheckProcedure(
                ucAdapter, commandGateway, clock.getIfAvailable(Clock::systemUTC), properties.maxEventAge());
    }

    @Bean
    ConfigurerModule ucSagaProcessors() {
        return configurer -> {
            for (String name : new String[] {IdentityCheckSaga.PROCESSING_GROUP, CreditCheckSaga.PROCESSING_GROUP}) {
                configurer
                        .eventProcessing()
                        .registerTrackingEventProcessor(
                                name,
                                config -> config.eventStore(),
                                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(1)
                                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                        .registerListenerInvocationErrorHandler(name, config -> PropagatingErrorHandler.instance());
            }
        };
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
