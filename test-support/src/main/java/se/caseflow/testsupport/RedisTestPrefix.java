package se.caseflow.testsupport;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;

/**
 * A random key prefix on the machine's real Redis ({@code CASEFLOW_TEST_REDIS_URI}, default
 * {@code redis://127.0.0.1:6379/0}), so parallel runs never see each other's keys; {@link #close()}
 * deletes every key under it.
 */
public final class RedisTestPrefix implements AutoCloseable {

    private static final String URI =
            System.getenv().getOrDefault("CASEFLOW_TEST_REDIS_URI", "redis://127.0.0.1:6379/0");

    private final String prefix;

    private RedisTestPrefix(String prefix) {
        this.prefix = prefix;
    }

    /** A new prefix {@code caseflow-test:<name>:<random>:}. */
    public static RedisTestPrefix create(String name) {
        return new RedisTestPrefix("caseflow-test:" + name + ":"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ":");
    }

    public String uri() {
        return URI;
    }

    public String prefix() {
        return prefix;
    }

    /** Deletes every key under the prefix; returns how many there were. */
    public long deleteKeys() {
        RedisClient client = RedisClient.create(URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection
                        .sync()
                        .scan(cursor, KeyScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    deleted += connection.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        deleteKeys();
    }
}
