package se.caseflow.web.bidding;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.BiddingSaga;
import se.caseflow.domain.bidding.PartnerDirectory;

/** The bidding settings the case rules use, the configured partners, and the bidding saga's processor. */
@Configuration(proxyBeanMethods = false)
class BiddingConfiguration {

    @Bean
    BiddingPolicy biddingPolicy(BiddingProperties properties) {
        return properties.policy();
    }

    @Bean
    PartnerDirectory partnerDirectory(BiddingProperties properties) {
        return new ConfiguredPartnerDirectory(properties.partners());
    }

    /**
     * Like the UC sagas' processors (docs/adr/0012): tracking, one thread, one event per batch, starting at the
     * head of the stream (a new deployment opens no bidding and sends no SMS for history), errors propagated so
     * an event whose commands failed for a reason other than the case's refusal is delivered again.
     */
    @Bean
    ConfigurerModule biddingSagaProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        BiddingSaga.PROCESSING_GROUP,
                        config -> config.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(1)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(
                        BiddingSaga.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
