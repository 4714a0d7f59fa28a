package se.caseflow.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.testsupport.PostgresTestDatabase;

/**
 * The token table as the rebuild's switch uses it, on PostgreSQL with Flyway's tables and Axon's own token store
 * writing the rows: read segments, let go of this node's claims, hand the twin's token to the live segments nobody
 * claims, start the twin over.
 */
class ProcessorTokensTest {

    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("tokens");

    @AfterAll
    static void drop() {
        DATABASE.close();
    }

    @Test
    void theTwinsLowestTokenGoesToEveryUnclaimedLiveSegmentAndTheTwinStartsOver() {
        migrate();
        JdbcTokenStore thisNode = store(ProcessorTokens.THIS_NODE);
        JdbcTokenStore otherNode = store("4711@other-node");
        ProcessorTokens tokens = new ProcessorTokens(new JdbcTemplate(DATABASE.dataSource()), thisNode);

        thisNode.initializeTokenSegments("live", 2);
        thisNode.initializeTokenSegments("twin", 2);
        thisNode.storeToken(new GlobalSequenceTrackingToken(42), "twin", 0);
        thisNode.storeToken(new GlobalSequenceTrackingToken(40), "twin", 1);
        otherNode.fetchToken("live", 1);

        List<ProcessorTokens.Segment> twin = tokens.segments("twin");
        assertThat(twin).extracting(ProcessorTokens.Segment::segment).containsExactly(0, 1);
        assertThat(twin).extracting(ProcessorTokens.Segment::position).containsExactly(42L, 40L);
        assertThat(twin).extracting(ProcessorTokens.Segment::owner).containsOnly(ProcessorTokens.THIS_NODE);
        assertThat(tokens.segments("live"))
                .extracting(ProcessorTokens.Segment::owner)
                .containsExactly(null, "4711@other-node");

        assertThat(tokens.releaseThisNodesClaims("twin")).isEqualTo(2);
        assertThat(tokens.segments("twin"))
                .extracting(ProcessorTokens.Segment::owner)
                .containsOnlyNulls();

        ProcessorTokens.Segment lowest = twin.stream()
                .min(Comparator.comparingLong(ProcessorTokens.Segment::position))
                .orElseThrow();
        assertThat(tokens.giveIfUnclaimed(lowest.token(), "live", 0)).isTrue();
        assertThat(tokens.giveIfUnclaimed(lowest.token(), "live", 1))
                .as("a segment another node claims is left alone")
                .isFalse();
        assertThat(tokens.segments("live"))
                .extracting(ProcessorTokens.Segment::position)
                .containsExactly(40L, null);

        tokens.reset("twin");
        assertThat(tokens.segments("twin")).isEmpty();
        assertThat(tokens.segments("live")).hasSize(2);
    }

    @Test
    void aClaimOlderThanTheClaimTimeoutIsLetGoAndAFreshOneIsKept() {
        migrate();
        JdbcTokenStore thisNode = store(ProcessorTokens.THIS_NODE);
        ProcessorTokens tokens = new ProcessorTokens(new JdbcTemplate(DATABASE.dataSource()), thisNode);
        thisNode.initializeTokenSegments("stale", 2);
        Instant deadNodeClaimedAt = Instant.now().minusSeconds(60);
        Clock axonClock = AbstractTokenEntry.clock;
        try {
            AbstractTokenEntry.clock = Clock.fixed(deadNodeClaimedAt, ZoneOffset.UTC);
            store("1@dead-node").fetchToken("stale", 0);
        } finally {
            AbstractTokenEntry.clock = axonClock;
        }
        store("2@live-node").fetchToken("stale", 1);

        List<ProcessorTokens.ExpiredClaim> released = tokens.releaseExpiredClaims("stale", Duration.ofSeconds(10));

        assertThat(released)
                .containsExactly(new ProcessorTokens.ExpiredClaim(
                        0,
                        "1@dead-node",
                        deadNodeClaimedAt.truncatedTo(ChronoUnit.MILLIS).plusSeconds(10)));
        assertThat(tokens.segments("stale"))
                .extracting(ProcessorTokens.Segment::owner)
                .containsExactly(null, "2@live-node");
    }

    private static void migrate() {
        Flyway.configure()
                .dataSource(DATABASE.dataSource())
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
    }

    private static JdbcTokenStore store(String node) {
        return JdbcTokenStore.builder()
                .connectionProvider(() -> DATABASE.dataSource().getConnection())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(node)
                .build();
    }
}
