package se.caseflow.web.bidding;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.PartnerDirectory;

/** The bidding settings the case rules use, and the configured partners. */
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
}
