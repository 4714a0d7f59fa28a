package se.caseflow.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * caseflow's own producer and consumer settings on top of Boot's {@code spring.kafka.*} (bootstrap servers,
 * SASL, TLS and any {@code spring.kafka.properties.*} pass through). Kept out of the bean registry so that
 * Boot's own Kafka beans, and anything that injects them by type, stay as they are.
 */
final class KafkaClients implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final KafkaTemplate<String, byte[]> template;
    private final ConsumerFactory<String, byte[]> consumerFactory;

    KafkaClients(KafkaProperties boot, SslBundles sslBundles) {
        Map<String, Object> producer = new HashMap<>(boot.buildProducerProperties(sslBundles));
        // the publisher's no-loss promise rests on these two: they are not configurable
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        this.producerFactory =
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer());
        this.template = new KafkaTemplate<>(producerFactory);

        Map<String, Object> consumer = new HashMap<>(boot.buildConsumerProperties(sslBundles));
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // bytes in, parsed by the listener: a message that is not JSON is poison, never a deserialiser crash
        this.consumerFactory =
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
    }

    KafkaTemplate<String, byte[]> template() {
        return template;
    }

    ConsumerFactory<String, byte[]> consumerFactory() {
        return consumerFactory;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
