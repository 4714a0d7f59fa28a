package se.caseflow.projections;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.RedisDump;
import se.caseflow.testsupport.RedisTestPrefix;

/** The real Redis under a key prefix of a test class's own, with the store and reader over it. */
public final class TestRedis implements AutoCloseable {

    private final RedisTestPrefix prefix;
    public final RedisClient client;
    public final StatefulRedisConnection<String, String> connection;

    private TestRedis(String name) {
        prefix = RedisTestPrefix.create(name);
        client = RedisClient.create(prefix.uri());
        connection = client.connect();
    }

    public static TestRedis create(String name) {
        return new TestRedis(name);
    }

    public ProjectionStore store() {
        return new ProjectionStore(connection, prefix.prefix());
    }

    public ProjectionReader reader() {
        return new ProjectionReader(client, connection, prefix.prefix());
    }

    /** The key prefix, with its trailing colon. */
    public String prefix() {
        return prefix.prefix();
    }

    /** Every key under the prefix, without it, sorted. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connection
                    .sync()
                    .scan(
                            cursor,
                            KeyScanArgs.Builder.matches(prefix.prefix() + "*").limit(1000));
            page.getKeys().forEach(key -> keys.add(key.substring(prefix.prefix().length())));
            cursor = page;
        } while (!cursor.isFinished());
        keys.sort(null);
        return keys;
    }

    /** Every key under the prefix and its content, as text ({@link RedisDump}). */
    public String dump() {
        return RedisDump.of(connection.sync(), prefix.prefix());
    }

    /** Deletes every key under the prefix. */
    public void deleteKeys() {
        prefix.deleteKeys();
    }

    @Override
    public void close() {
        prefix.close();
        connection.close();
        client.shutdown();
    }
}
