package se.caseflow.testsupport;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Redis for a test: a key prefix of its own on the machine's Redis ({@link #create}), or a server of its own that the
 * test may kill, restart or reconfigure ({@link #ownServer}), with a connection to it. {@link #close()} deletes the
 * prefix's keys, or stops the server.
 */
public final class TestRedis implements AutoCloseable {

    private final RedisTestPrefix prefix;
    private final LocalRedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private TestRedis(RedisTestPrefix prefix, LocalRedisServer server) {
        this.prefix = prefix;
        this.server = server;
    }

    /** A prefix {@code caseflow-test:<name>:<random>:} on the machine's Redis. */
    public static TestRedis create(String name) {
        return new TestRedis(RedisTestPrefix.create(name), null);
    }

    /** A {@code redis-server} of the test's own ({@code options} as {@link LocalRedisServer#start}), and a prefix on it. */
    public static TestRedis ownServer(String name, String... options) {
        return new TestRedis(RedisTestPrefix.create(name), LocalRedisServer.start(name, options));
    }

    /** Where caseflow finds this Redis ({@code caseflow.redis.uri}). */
    public String uri() {
        return server == null ? prefix.uri() : server.uri();
    }

    /** The key prefix, with its trailing colon ({@code caseflow.redis.key-prefix}). */
    public String prefix() {
        return prefix.prefix();
    }

    /** The server of the test's own, to kill, restart or reconfigure. */
    public LocalRedisServer server() {
        return Objects.requireNonNull(server, "this TestRedis is a prefix on the shared server: use ownServer");
    }

    /** A client of this Redis, made on first use (a server a test stalls sees no connection it did not ask for). */
    public synchronized RedisClient client() {
        if (client == null) {
            client = RedisClient.create(uri());
        }
        return client;
    }

    /** A connection to this Redis, opened on first use. */
    public synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            connection = client().connect();
        }
        return connection;
    }

    /** Every key under the prefix, without it, sorted. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connection()
                    .sync()
                    .scan(cursor, KeyScanArgs.Builder.matches(prefix() + "*").limit(1000));
            page.getKeys().forEach(key -> keys.add(key.substring(prefix().length())));
            cursor = page;
        } while (!cursor.isFinished());
        keys.sort(null);
        return keys;
    }

    /** Every key under the prefix and its content, as text ({@link RedisDump}). */
    public String dump() {
        return RedisDump.of(connection().sync(), prefix());
    }

    /** Deletes every key under the prefix. */
    public void deleteKeys() {
        List<String> keys = keys();
        if (!keys.isEmpty()) {
            connection().sync().unlink(keys.stream().map(key -> prefix() + key).toArray(String[]::new));
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            prefix.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }
}
