package se.caseflow.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code caseflow.kafka.*} settings. Connection and security (bootstrap servers, SASL, TLS) are Spring
 * Boot's own {@code spring.kafka.*} keys, passed through unchanged. The publisher's processor settings
 * ({@code publisher-batch-size}, {@code publisher-segments}) are read with every processor's, in axon-config's
 * {@code EventProcessorSettings}.
 *
 * @param enabled whether caseflow talks to Kafka at all
 * @param eventsTopic where every case event is published, keyed by case id
 * @param commandsTopic where commands arrive; poison messages go to this name + {@code .DLT}
 * @param resultsTopic where the gate's answer to each command is published
 * @param partitions partitions of the topics caseflow creates
 * @param replicas replication factor of the topics caseflow creates
 * @param createTopics whether to create missing topics at start-up
 * @param sendTimeout how long the publisher waits for the broker's acknowledgement before it fails the batch
 *     (and so retries it)
 * @param consumeCommands whether to listen on the commands topic
 * @param consumerGroup consumer group of the commands listener
 * @param consumerConcurrency listener threads on the commands topic
 * @param maxCommandBytes largest command message accepted; a larger one is poison
 * @param commandsRetention how long the commands topic keeps a command ({@code retention.ms}, set when caseflow
 *     creates the topic): commands may carry personal data in plaintext
 * @param deadLetterRetention how long the commands' dead-letter topic keeps a poison command: shorter, since it is
 *     only there for a person to look at
 */
@ConfigurationProperties("caseflow.kafka")
public record CaseflowKafkaProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("case-events") String eventsTopic,
        @DefaultValue("case-commands") String commandsTopic,
        @DefaultValue("case-command-results") String resultsTopic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("PT30S") Duration sendTimeout,
        @DefaultValue("true") boolean consumeCommands,
        @DefaultValue("caseflow-commands") String consumerGroup,
        @DefaultValue("1") int consumerConcurrency,
        @DefaultValue("65536") int maxCommandBytes,
        @DefaultValue("P7D") Duration commandsRetention,
        @DefaultValue("P3D") Duration deadLetterRetention) {

    public CaseflowKafkaProperties {
        if (deadLetterRetention.compareTo(commandsRetention) > 0
                || deadLetterRetention.isNegative()
                || deadLetterRetention.isZero()) {
            throw new IllegalStateException("caseflow.kafka.dead-letter-retention (" + deadLetterRetention
                    + ") must be positive and no longer than caseflow.kafka.commands-retention (" + commandsRetention
                    + "): dead letters keep commands in plaintext");
        }
    }

    /** The dead-letter topic of the commands topic. */
    public String deadLetterTopic() {
        return commandsTopic + ".DLT";
    }
}
