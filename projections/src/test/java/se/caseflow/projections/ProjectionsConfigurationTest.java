package se.caseflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.RedisTestPrefix;

class ProjectionsConfigurationTest {

    @Test
    void wiresTheStoreTheReaderAndTheProjectionFromCaseflowRedisSettings() {
        try (RedisTestPrefix redis = RedisTestPrefix.create("config")) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ProjectionsConfiguration.class))
                    .withBean(PersonalDataUnwrapper.class, () -> (token, caller, purpose) -> new Unwrapped.Erased("s"))
                    .withBean(PersonalDataVault.class, SelfIndexingVault::new)
                    .withPropertyValues(
                            "caseflow.redis.uri=" + redis.uri(), "caseflow.redis.key-prefix=" + redis.prefix())
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(ProjectionStore.class).prefix())
                                .isEqualTo(redis.prefix());
                        assertThat(context).hasSingleBean(ProjectionReader.class);
                        assertThat(context).hasBean("caseProjection");
                        assertThat(context.getBean(RedisSettings.class).timeout())
                                .hasSeconds(5);
                    });
        }
    }

    @Test
    void isRegisteredAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(ProjectionsConfiguration.class.getName());
    }
}
