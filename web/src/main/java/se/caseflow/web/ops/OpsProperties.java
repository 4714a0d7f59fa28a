package se.caseflow.web.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseflow.ops.*}: processor monitoring, health thresholds and rebuilds.
 *
 * @param lagDegraded events behind the head from which a processor makes health {@code DEGRADED}
 * @param lagDown events behind the head from which a processor makes health {@code DOWN}
 * @param sampleInterval how often processor positions are sampled (events/s, metrics, the ops document)
 * @param threads worker threads for ops reads and actions (JDBC, Redis), never the event loop
 * @param rebuildCatchUpLag how close (events) a rebuild must come to the live processor before the switch
 * @param rebuildDropDelay how long the old generation stays after the switch, for readers still on it
 * @param rebuildSwitchTimeout how long the switch may wait for the other nodes to release their segments, and then
 *     for the rebuild to pass the stopped live processor
 * @param readSideLossCheckInterval how often a node checks that Redis still holds the read side, and rebuilds it
 *     when Redis came back without its data
 * @param rebuildLockTtl how long the rebuild lock outlives its holder's last renewal (renewed three times per ttl):
 *     how long the other nodes keep their segments released after the holder died, and how soon another node takes
 *     over its rebuild
 * @param keyRotationLease how long a node's claim on a key rotation outlives its last renewal (renewed three times
 *     per lease; every node looks for a rotation to take every quarter lease): how soon another node continues a
 *     rotation whose node died
 */
@ConfigurationProperties("caseflow.ops")
record OpsProperties(
        @DefaultValue("1000") long lagDegraded,
        @DefaultValue("100000") long lagDown,
        @DefaultValue("PT1S") Duration sampleInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("100") long rebuildCatchUpLag,
        @DefaultValue("PT5S") Duration rebuildDropDelay,
        @DefaultValue("PT60S") Duration rebuildSwitchTimeout,
        @DefaultValue("PT5S") Duration readSideLossCheckInterval,
        @DefaultValue("PT15S") Duration rebuildLockTtl,
        @DefaultValue("PT60S") Duration keyRotationLease) {}
