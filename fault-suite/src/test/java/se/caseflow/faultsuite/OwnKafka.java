package se.caseflow.faultsuite;

import kafka.server.BrokerServer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The in-process Kafka broker (spring-kafka-test, KRaft) on a fixed free port, so that a stopped and started
 * broker is where the nodes expect it, with the log it had: a restart, not a new broker.
 */
final class OwnKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final int port;

    private OwnKafka(int port) {
        this.port = port;
        broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://localhost:0");
        broker.afterPropertiesSet();
    }

    static OwnKafka start() {
        return new OwnKafka(FreePorts.next());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void stop() {
        BrokerServer server = server();
        server.shutdown();
        server.awaitShutdown();
    }

    void startAgain() {
        server().startup();
    }

    @Override
    public void close() {
        broker.destroy();
    }

    private BrokerServer server() {
        return broker.getCluster().brokers().values().iterator().next();
    }
}
