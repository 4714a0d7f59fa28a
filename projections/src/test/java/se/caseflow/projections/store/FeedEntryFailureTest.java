package se.caseflow.projections.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.testsupport.TestRedis;

/** {@code apply.lua} on the real Redis: a duplicate feed entry is applied once, any other XADD failure fails. */
class FeedEntryFailureTest {

    static final TestRedis REDIS = TestRedis.create("feed-entry-failure");

    final RedisCommands<String, String> redis = REDIS.connection().sync();
    ProjectionStore store;

    @AfterAll
    static void close() {
        REDIS.close();
    }

    @BeforeEach
    void setUp() {
        REDIS.deleteKeys();
        store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    }

    @Test
    void aFeedEntryThatCannotBeAddedFailsTheEventAndLeavesItsPositionForTheRetry() {
        redis.set(REDIS.prefix() + "feed/c1", "not a stream");

        assertThatThrownBy(() -> store.apply(entry(1, "1-0")))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(redis.get(REDIS.prefix() + "position/c1")).isNull();

        redis.del(REDIS.prefix() + "feed/c1");
        assertThat(store.apply(entry(1, "1-0"))).isTrue();
        assertThat(redis.xlen(REDIS.prefix() + "feed/c1")).isEqualTo(1);
        assertThat(redis.get(REDIS.prefix() + "position/c1")).isEqualTo("1");
    }

    @Test
    void anEntryAlreadyInTheFeedIsAppliedOnceAndTheEventCountsAsApplied() {
        assertThat(store.apply(entry(1, "1-0"))).isTrue();
        redis.del(REDIS.prefix() + "position/c1");

        assertThat(store.apply(entry(1, "1-0"))).isTrue();
        assertThat(redis.xlen(REDIS.prefix() + "feed/c1")).isEqualTo(1);
        assertThat(redis.get(REDIS.prefix() + "position/c1")).isEqualTo("1");
    }

    private static Write entry(long position, String entryId) {
        return Write.at("position/c1", position).feedEntry("feed/c1", entryId, Map.of("text", "entry " + entryId));
    }
}
