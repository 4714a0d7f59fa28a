package se.caseflow.projections;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import se.caseflow.projections.cases.CaseProjectionConfiguration;
import se.caseflow.projections.partners.PartnerProjectionConfiguration;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.sms.SmsProjectionConfiguration;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The read side in Redis: one Lettuce client and connection (thread-safe, shared by every processor
 * thread and reader), the store the projections write through, the reader the doc-store reads
 * through, what the processing group {@value CaseProjectionsGroup#NAME} needs besides its handlers (its rebuild, its
 * dead-letter policy and its sequencing, all from {@link CaseProjectionsGroup}), and the projections themselves. The
 * projections' configurations get these as beans and know nothing of each other.
 */
@AutoConfiguration
@EnableConfigurationProperties(RedisSettings.class)
@Import({CaseProjectionConfiguration.class, SmsProjectionConfiguration.class, PartnerProjectionConfiguration.class})
public class ProjectionsConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient projectionsRedisClient(RedisSettings settings) {
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.timeout());
        return RedisClient.create(uri);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> projectionsRedisConnection(RedisClient projectionsRedisClient) {
        return projectionsRedisClient.connect();
    }

    @Bean
    ProjectionStore projectionStore(
            StatefulRedisConnection<String, String> projectionsRedisConnection, RedisSettings settings) {
        return new ProjectionStore(projectionsRedisConnection, settings.keyPrefix());
    }

    @Bean
    ProjectionReader projectionReader(
            RedisClient projectionsRedisClient,
            StatefulRedisConnection<String, String> projectionsRedisConnection,
            RedisSettings settings) {
        return new ProjectionReader(projectionsRedisClient, projectionsRedisConnection, settings.keyPrefix());
    }

    /** The group's rebuild: the twin's handlers write the generation it prepared; ops drive it. */
    @Bean
    RebuildableProjection caseProjectionRebuild(ProjectionStore projectionStore) {
        return new RebuildableProjection(
                CaseProjectionsGroup.NAME,
                CaseProjectionsGroup.REBUILD_TWIN,
                projectionStore,
                CaseProjectionsGroup.OWNED_KEYS);
    }

    /**
     * Which failures of {@value CaseProjectionsGroup#NAME} are dead letters and which are outages to retry; the
     * processor settings register it with that processor's dead-letter queue.
     */
    @Bean
    DeadLetterPolicy caseProjectionsDeadLetterPolicy() {
        return new DeadLetterPolicy();
    }

    /** The order the group's events are applied in; the processor settings register it for the live and twin. */
    @Bean
    SequencingPolicy<EventMessage<?>> caseProjectionsSequencing() {
        return CaseProjectionsGroup.sequencing();
    }
}
