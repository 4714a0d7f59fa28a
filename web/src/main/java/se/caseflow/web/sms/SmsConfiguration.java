package se.caseflow.web.sms;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.sms.CommittedCommands;
import se.caseflow.domain.sms.GateCommittedCommands;
import se.caseflow.projections.read.ProjectionReader;

/**
 * The SMS saga's processor and the way it records what it does; the webhooks' work. Both send their commands
 * ({@code StartSmsSend}, {@code RecordSmsSent}, {@code RecordSmsStatus}, {@code ReceiveSms}, ...) through the
 * internal gate, which knows {@code schemas/internal-commands/}: the staff gate behind the HTTP API and Kafka
 * does not know them, so nobody outside can forge a delivery state or an inbound message.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    static final String SAGA_GROUP = "sms-sending";

    /** The bean name and qualifier of the internal gate (see CommandSideConfiguration). */
    static final String INTERNAL_GATE = "internalCommandGate";

    /** The saga's commands run here, in transactions of their own (see CommittedCommands). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService smsCommandExecutor() {
        return Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sms-commands");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommittedCommands committedCommands(
            @Qualifier(INTERNAL_GATE) CommandGate gate, ExecutorService smsCommandExecutor) {
        return new GateCommittedCommands(gate, smsCommandExecutor, "sms-saga");
    }

    /**
     * The saga's tracking processor starts at the head of the event stream and is never replayed: an SMS is
     * sent for requests that arrive while it runs, never for history (a new deployment sends nothing old).
     */
    @Bean
    ConfigurerModule smsSagaStartsAtHead() {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessorConfiguration(
                        SAGA_GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }

    @Bean
    SmsWebhooks smsWebhooks(
            @Qualifier(INTERNAL_GATE) CommandGate gate, PersonalDataVault vault, ProjectionReader reader) {
        return new SmsWebhooks(gate, vault, reader);
    }
}
