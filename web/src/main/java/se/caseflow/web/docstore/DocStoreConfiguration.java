package se.caseflow.web.docstore;

import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
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

    @Bean
    HandlerMapping docStoreSocketMapping(DocStoreHub hub, DocumentAccessPolicy policy, DocStoreProperties properties) {
        return new SimpleUrlHandlerMapping(Map.of("/ws/docs", new DocSocketHandler(hub, policy, properties)), -1);
    }
}
