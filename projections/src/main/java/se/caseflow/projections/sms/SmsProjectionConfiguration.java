package se.caseflow.projections.sms;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.CaseProjectionsGroup;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The SMS projection and its handlers in the rebuild twin of {@value CaseProjectionsGroup#NAME} (it is one of that
 * group's handlers and shares its sequencing, which writes the unmatched feed in event order:
 * {@link CaseProjectionsGroup}).
 */
@Configuration(proxyBeanMethods = false)
public class SmsProjectionConfiguration {

    @Bean
    SmsProjection smsProjection(
            ProjectionStore projectionStore, PersonalDataUnwrapper unwrapper, PersonalDataVault vault) {
        return new SmsProjection(projectionStore, new SmsPersonalData(unwrapper, vault));
    }

    /** The SMS handlers in the rebuild twin processor, writing the generation being built. */
    @Bean
    ConfigurerModule smsProjectionRebuildTwin(
            RebuildableProjection caseProjectionRebuild, PersonalDataUnwrapper unwrapper, PersonalDataVault vault) {
        return CaseProjectionsGroup.inRebuildTwin(
                new SmsProjection(caseProjectionRebuild::target, new SmsPersonalData(unwrapper, vault)));
    }
}
