package se.caseflow.web.docstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import se.caseflow.projections.read.ProjectionReader;

/** The websocket doc-store: {@code /ws/docs} and its hub. */
@Configuration(proxyBeanMethods = false)
class DocStoreConfiguration {

    @Bean
    DocumentAccessPolicy documentAccessPolicy() {
        return new DocumentAccessPolicy();
    }

    /** Reads Redis for sockets and one-off reads: never on a Netty event-loop or Lettuce thread. */
    @Bean(destroyMethod = "dispose")
    @Qualifier("docStoreWorkers")
    Scheduler docStoreWorkers(DocStoreProperties properties) {
        return Schedulers.newBoundedElastic(properties.docstore().threads(), 100_000, "docstore-worker", 60, true);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DocStoreHub docStoreHub(
            ProjectionReader reader,
            DocumentAccessPolicy policy,
            @Qualifier("docStoreWorkers") Scheduler workers,
            DocStoreProperties properties) {
        return new DocStoreHub(reader, policy, workers, properties.docstore());
    }

    /** Open doc-store sockets and keys with subscribers on this node: {@code caseflow_docstore_sessions}. */
    @Bean
    MeterBinder docStoreGauges(DocStoreHub hub) {
        return registry -> {
            Gauge.builder("caseflow.docstore.sessions", hub, DocStoreHub::sessionCount)
                    .description("Open doc-store websocket connections on this node")
                    .register(registry);
            Gauge.builder("caseflow.docstore.topics", hub, DocStoreHub::topicCount)
                    .description("Keys with at least one subscriber on this node")
                    .register(registry);
        };
    }

    /**
     * Websocket handshakes upgrade on the connection's event loop, so no frame sent right after is lost, and hand the
     * socket the sign-in it follows.
     */
    @Bean
    WebFluxConfigurer eventLoopWebSocketUpgrade(ObjectProvider<WebSessionManager> sessions) {
        // the session manager is made by the same WebFlux configuration that asks for this: looked up when needed
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return new SessionFollowingWebSocketService(sessions);
            }
        };
    }

    @Bean
    HandlerMapping docStoreSocketMapping(DocStoreHub hub, DocumentAccessPolicy policy, DocStoreProperties properties) {
        return new SimpleUrlHandlerMapping(Map.of("/ws/docs", new DocSocketHandler(hub, policy, properties)), -1);
    }
}
