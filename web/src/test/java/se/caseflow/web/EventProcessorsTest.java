package se.caseflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/**
 * Every event processor Axon registered in the running application (UC and Kafka on, so all of them) and what it
 * does with an event its handlers fail on. Axon's default for a handler's error is to log it and go on to the next
 * event: an SMS never sent, a credit check never recorded, a projection silently wrong. Every processor here must
 * instead propagate it, so the batch is delivered again, or dead-letter it on purpose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@Import(TestUsers.class)
class EventProcessorsTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("processors");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("processors");

    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void everyFeatureOn(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
        registry.add("caseflow.uc.enabled", () -> "true");
        registry.add("caseflow.uc.simulator", () -> "true");
        registry.add("caseflow.allow.simulated-uc", () -> "true");
        registry.add("caseflow.kafka.enabled", () -> "true");
        // no broker: nothing is published or consumed here, the test reads how the processors are set up
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:9");
        registry.add("caseflow.kafka.create-topics", () -> "false");
        registry.add("caseflow.kafka.consume-commands", () -> "false");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
        REDIS.close();
    }

    @Test
    void everyProcessingGroupHasItsProcessorAndThereAreNoOthers() {
        assertThat(processing.eventProcessors().keySet())
                .containsExactlyInAnyOrder(
                        ProcessingGroups.CASE_PROJECTIONS,
                        ProcessingGroups.CASE_PROJECTIONS_REBUILD,
                        ProcessingGroups.KAFKA_PUBLISHER,
                        ProcessingGroups.UC_IDENTITY_CHECK,
                        ProcessingGroups.UC_CREDIT_CHECK,
                        ProcessingGroups.BIDDING,
                        ProcessingGroups.SMS_SENDING);
    }

    @Test
    void noProcessorLogsAFailedEventAndGoesOn() {
        Map<String, List<String>> handling = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            List<String> how = new ArrayList<>();
            how.add("processor: " + kind(processing.errorHandler(name)));
            handlers(((AbstractEventProcessor) processor).eventHandlerInvoker(), how);
            handling.put(name, how);
        });

        assertThat(handling).hasSize(7);
        handling.forEach((name, how) -> assertThat(how)
                .as("error handling of %s", name)
                .isNotEmpty()
                .allSatisfy(step -> assertThat(step).endsWith(": propagates")));
        assertThat(handling.get(ProcessingGroups.CASE_PROJECTIONS)).contains("dead letters: propagates");
        assertThat(handling.get(ProcessingGroups.CASE_PROJECTIONS_REBUILD)).doesNotContain("dead letters: propagates");
    }

    private void handlers(EventHandlerInvoker invoker, List<String> how) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> handlers(delegate, how));
        } else if (invoker instanceof DeadLetteringEventHandlerInvoker deadLettering) {
            how.add("dead letters: " + kind(deadLettering.getListenerInvocationErrorHandler()));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            how.add("handlers: " + kind(simple.getListenerInvocationErrorHandler()));
        } else if (invoker instanceof AbstractSagaManager<?> saga) {
            how.add("saga " + saga.getSagaType().getSimpleName() + ": "
                    + kind(processing.sagaConfiguration(saga.getSagaType()).listenerInvocationErrorHandler()));
        } else {
            how.add("unknown invoker " + invoker.getClass().getName());
        }
    }

    /** Only Axon's propagating handler is known to retry; its logging one, or any other, would need a look. */
    private static String kind(Object handler) {
        if (handler instanceof PropagatingErrorHandler) {
            return "propagates";
        }
        return handler == null ? "none" : handler.getClass().getSimpleName();
    }
}
