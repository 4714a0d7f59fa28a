package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import se.caseflow.axon.ProcessorTokens;
import se.caseflow.axon.StoredEvents;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.RedisSettings;
import se.caseflow.secrets.HmacKeyRotation;
import se.caseflow.secrets.KeyRewrapJob;
import se.caseflow.secrets.SubjectShredder;
import se.caseflow.web.config.GateNames;
import se.caseflow.web.erasure.InboundSmsErasure;

/** Health, metrics and the ops API: processors, dead letters, rebuilds, erasure, audit. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
class OpsConfiguration {

    /** JDBC and Redis work of the ops API and the processor sampler: never on the event loop. */
    @Bean(destroyMethod = "dispose")
    @Qualifier("opsWorkers")
    Scheduler opsWorkers(OpsProperties properties) {
        return Schedulers.newBoundedElastic(properties.threads(), 1000, "ops-worker", 60, true);
    }

    @Bean
    ProcessorMonitor processorMonitor(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            ProcessorTokens tokens,
            List<RebuildableProjection> rebuildable) {
        @SuppressWarnings("unchecked")
        var source = (StreamableMessageSource<TrackedEventMessage<?>>) (StreamableMessageSource<?>) eventStore;
        return new ProcessorMonitor(
                processing,
                source,
                tokens,
                rebuildable.stream().map(RebuildableProjection::processor).collect(Collectors.toSet()));
    }

    /** The one node that rebuilds the read side at a time (docs/adr/0035). */
    @Bean
    RebuildLock rebuildLock(
            StatefulRedisConnection<String, String> projectionsRedisConnection,
            RedisSettings redis,
            OpsProperties properties,
            ObjectMapper objectMapper) {
        return new RebuildLock(
                projectionsRedisConnection, redis.keyPrefix(), properties.rebuildLockTtl(), objectMapper);
    }

    @Bean(destroyMethod = "close")
    Rebuilds rebuilds(
            List<RebuildableProjection> rebuildable,
            RebuildLock lock,
            EventProcessingConfiguration processing,
            ProcessorMonitor monitor,
            ProcessorTokens tokens,
            PlatformTransactionManager transactionManager,
            OpsProperties properties,
            Clock clock,
            ObjectProvider<TokenStoreProperties> tokenStore) {
        return new Rebuilds(
                rebuildable,
                lock,
                processing,
                monitor,
                tokens,
                new TransactionTemplate(transactionManager),
                properties,
                clock,
                // how long a claim on a segment lasts without renewal (axon.eventhandling.tokenstore.claim-timeout)
                tokenStore.getIfAvailable(TokenStoreProperties::new).getClaimTimeout());
    }

    /** Renews this node's rebuild lock, yields to another node's, takes over a rebuild whose node died. */
    @Bean(destroyMethod = "close")
    RebuildCoordinator rebuildCoordinator(
            RebuildLock lock,
            Rebuilds rebuilds,
            ProcessorMonitor monitor,
            EventProcessingConfiguration processing,
            @Qualifier("opsWorkers") Scheduler workers) {
        return new RebuildCoordinator(lock, rebuilds, monitor, processing, workers);
    }

    @Bean
    Erasures erasures(
            SubjectShredder shredder,
            StatefulRedisConnection<String, String> projectionsRedisConnection,
            RedisSettings redis,
            InternalCommands internalCommands,
            InboundSmsErasure inboundSms,
            JdbcTemplate jdbc,
            Clock clock) {
        return new Erasures(
                shredder,
                new IdentityCacheEntries(projectionsRedisConnection, redis.keyPrefix()),
                internalCommands,
                inboundSms,
                jdbc,
                clock);
    }

    @Bean
    ErasureProgress erasureProgress(ProcessorMonitor monitor, StoredEvents events, InboundSmsErasure inboundSms) {
        return new ErasureProgress(monitor, events, inboundSms);
    }

    @Bean
    UnwrapAuditView unwrapAuditView(JdbcTemplate jdbc) {
        return new UnwrapAuditView(jdbc);
    }

    @Bean
    DeadLetters deadLetters(EventProcessingConfiguration processing, ObjectMapper objectMapper) {
        return new DeadLetters(processing, objectMapper);
    }

    @Bean
    OpsDocument opsDocument(
            StatefulRedisConnection<String, String> projectionsRedisConnection,
            RedisSettings redis,
            ProcessorMonitor monitor,
            Rebuilds rebuilds,
            ObjectMapper objectMapper,
            Clock clock) {
        return new OpsDocument(projectionsRedisConnection, redis.keyPrefix(), monitor, rebuilds, objectMapper, clock);
    }

    @Bean(destroyMethod = "close")
    KeyRotations keyRotations(
            JdbcTemplate jdbc,
            HmacKeyRotation hmacKeyRotation,
            KeyRewrapJob keyRewrapJob,
            EventStore eventStore,
            Rebuilds rebuilds,
            ObjectMapper objectMapper,
            OpsProperties properties,
            Clock clock) {
        return new KeyRotations(
                        new NamedParameterJdbcTemplate(jdbc),
                        hmacKeyRotation,
                        keyRewrapJob,
                        new EventStoreTokens(eventStore, objectMapper),
                        new RebuildsForKeyRotation(rebuilds),
                        properties.keyRotationLease(),
                        clock)
                .start();
    }

    /** Samples processor positions for events/s and the lag gauges, then refreshes the ops page's document. */
    @Bean(destroyMethod = "close")
    ProcessorSampler processorSampler(
            ProcessorMonitor monitor,
            OpsDocument document,
            OpsProperties properties,
            @Qualifier("opsWorkers") Scheduler workers) {
        return new ProcessorSampler(monitor, document, properties, workers);
    }

    @Bean
    ProcessorHealthIndicator processorsHealthIndicator(
            ProcessorMonitor monitor, OpsProperties properties, Rebuilds rebuilds) {
        return new ProcessorHealthIndicator(monitor, properties, rebuilds.twins());
    }

    /** Rebuilds the read side by itself when Redis came back without it (docs/adr/0033). */
    @Bean(destroyMethod = "close")
    ReadSideLossCheck readSideLossCheck(
            List<RebuildableProjection> rebuildable,
            Rebuilds rebuilds,
            ProcessorMonitor monitor,
            OpsProperties properties,
            @Qualifier("opsWorkers") Scheduler workers) {
        RebuildableProjection caseProjections = rebuildable.stream()
                .filter(p -> p.processor().equals(ProcessingGroups.CASE_PROJECTIONS))
                .findFirst()
                .orElseThrow();
        return new ReadSideLossCheck(caseProjections, rebuilds, monitor, properties, workers);
    }

    @Bean
    ReadSideHealthIndicator readSideHealthIndicator(ReadSideLossCheck check) {
        return new ReadSideHealthIndicator(check);
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(StatefulRedisConnection<String, String> projectionsRedisConnection) {
        return new RedisHealthIndicator(projectionsRedisConnection);
    }

    @Bean
    @ConditionalOnProperty(prefix = "caseflow.kafka", name = "enabled", havingValue = "true")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka.buildAdminProperties(null), java.time.Duration.ofSeconds(3));
    }

    /**
     * Command rates and outcomes from the staff gate, the partner gate and the internal gate (the SMS saga and
     * the Twilio webhooks); their command types differ.
     */
    @Bean
    CommandMetrics commandMetrics(
            MeterRegistry registry,
            CommandGate gate,
            @Qualifier(GateNames.PARTNER) CommandGate partnerGate,
            @Qualifier(GateNames.INTERNAL) CommandGate internalGate) {
        List<CommandGate> gates = List.of(gate, partnerGate, internalGate);
        Set<String> types = new HashSet<>();
        gates.forEach(each -> types.addAll(each.types()));
        CommandMetrics metrics = new CommandMetrics(registry, Set.copyOf(types));
        gates.forEach(each -> each.observe(metrics));
        return metrics;
    }

    /** Lag behind the head per streaming processor, as sampled: {@code caseflow_processor_lag_events}. */
    @Bean
    MeterBinder processorLagGauges(ProcessorMonitor monitor, EventProcessingConfiguration processing) {
        return registry -> {
            for (String name : List.copyOf(processing.eventProcessors().keySet())) {
                Gauge.builder("caseflow.processor.lag", monitor, m -> m.lastLag(name))
                        .description("Events the processor is behind the head of the event stream")
                        .baseUnit("events")
                        .tag("processor", name)
                        .register(registry);
            }
        };
    }
}
