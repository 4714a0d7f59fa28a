package se.caseflow.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * Kafka in and out, on when {@code caseflow.kafka.enabled=true}: the publisher of case events (its processor,
 * {@value ProcessingGroups#KAFKA_PUBLISHER}, is set up in axon-config's {@code EventProcessorSettings}), the commands
 * listener with its dead-letter topic, and the topics themselves.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnProperty(prefix = "caseflow.kafka", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(CaseflowKafkaProperties.class)
@EnableKafka
public class KafkaConfiguration {

    static final String COMMANDS_CONTAINER_FACTORY = "caseflowCommandsContainerFactory";

    /** Header of a dead-lettered command saying why it was rejected. */
    public static final String REASON_HEADER = "caseflow-dlt-reason";

    @Bean(destroyMethod = "destroy")
    KafkaClients caseflowKafkaClients(KafkaProperties boot, ObjectProvider<SslBundles> sslBundles) {
        return new KafkaClients(boot, sslBundles.getIfAvailable());
    }

    @Bean
    CaseEventPublisher caseEventPublisher(
            KafkaClients clients,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            CaseflowKafkaProperties properties) {
        return new CaseEventPublisher(
                clients.template(), eventSerializer, properties.eventsTopic(), properties.sendTimeout());
    }

    @Bean
    @ConditionalOnProperty(
            prefix = "caseflow.kafka",
            name = "consume-commands",
            havingValue = "true",
            matchIfMissing = true)
    @ConditionalOnBean(CommandGate.class)
    CommandListener caseflowCommandListener(
            CommandGate gate, KafkaClients clients, CaseflowKafkaProperties properties) {
        return new CommandListener(gate, clients.template(), properties);
    }

    @Bean(COMMANDS_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> caseflowCommandsContainerFactory(
            KafkaClients clients, CaseflowKafkaProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(clients.consumerFactory());
        factory.setConcurrency(properties.consumerConcurrency());
        // the offset is committed only after the listener returned, i.e. after its result was acknowledged
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.setCommonErrorHandler(commandErrorHandler(clients, properties));
        return factory;
    }

    private static DefaultErrorHandler commandErrorHandler(KafkaClients clients, CaseflowKafkaProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                clients.template(), (record, e) -> new TopicPartition(properties.deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, e) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, reason(e).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        // infrastructure failures (database, results topic) are retried with back-off, then dead-lettered
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(300_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(CommandEnvelope.PoisonCommandException.class);
        return handler;
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof CommandEnvelope.PoisonCommandException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }

    /**
     * The four topics caseflow uses, created with the configured partitions and replicas when missing. The commands
     * topic and its dead letters carry commands from other systems as sent, personal data in plaintext included
     * ({@code OpenCase}): each keeps them only for its configured retention, the dead letters for less.
     */
    @Bean
    @ConditionalOnProperty(
            prefix = "caseflow.kafka",
            name = "create-topics",
            havingValue = "true",
            matchIfMissing = true)
    KafkaAdmin.NewTopics caseflowTopics(CaseflowKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(Stream.of(
                        properties.eventsTopic(),
                        properties.commandsTopic(),
                        properties.resultsTopic(),
                        properties.deadLetterTopic())
                .map(name -> topic(name, properties))
                .toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, CaseflowKafkaProperties properties) {
        NewTopic topic = new NewTopic(name, properties.partitions(), properties.replicas());
        if (name.equals(properties.commandsTopic())) {
            return topic.configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(properties.commandsRetention().toMillis())));
        }
        if (name.equals(properties.deadLetterTopic())) {
            return topic.configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(properties.deadLetterRetention().toMillis())));
        }
        return topic;
    }
}
