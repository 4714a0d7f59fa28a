package se.caseflow.projections.store;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The projections' side of Redis: reads their own documents back and applies {@link Write}s atomically
 * (one Lua script per event: position check, writes, change notices). Blocking; never call it on a
 * Netty event-loop thread.
 */
public final class ProjectionStore {

    /** The pub/sub channel (after the key prefix) every change notice is published on. */
    public static final String CHANGES_CHANNEL = "changes";

    private static final String APPLY_SCRIPT = script("apply.lua");

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String applyDigest;

    public ProjectionStore(StatefulRedisConnection<String, String> connection, String prefix) {
        this.redis = connection.sync();
        this.prefix = prefix;
        this.applyDigest = redis.digest(APPLY_SCRIPT);
    }

    public String prefix() {
        return prefix;
    }

    public String get(String key) {
        return redis.get(prefix + key);
    }

    /** Applies the write; {@code false} when its position had been applied already and nothing changed. */
    public boolean apply(Write write) {
        String[] keys = new String[write.keys.size() + 1];
        keys[0] = prefix + write.positionKey();
        for (int i = 0; i < write.keys.size(); i++) {
            keys[i + 1] = prefix + write.keys.get(i);
        }
        List<String> arguments = new ArrayList<>(write.arguments.size() + 2);
        arguments.add(Long.toString(write.position()));
        arguments.add(prefix + CHANGES_CHANNEL);
        arguments.addAll(write.arguments);
        String[] values = arguments.toArray(String[]::new);
        Long applied;
        try {
            applied = redis.evalsha(applyDigest, ScriptOutputType.INTEGER, keys, values);
        } catch (RedisNoScriptException e) {
            // Redis restarted or flushed its script cache: EVAL sends the body and caches it again
            applied = redis.eval(APPLY_SCRIPT, ScriptOutputType.INTEGER, keys, values);
        }
        return applied == 1L;
    }

    /** Deletes every key under the given logical key prefixes (for a rebuild); returns how many went. */
    public long deleteAll(List<String> keyPrefixes) {
        long deleted = 0;
        for (String keyPrefix : keyPrefixes) {
            KeyScanArgs match =
                    KeyScanArgs.Builder.matches(glob(prefix + keyPrefix) + "*").limit(1000);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var page = redis.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
        return deleted;
    }

    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static String script(String name) {
        try (InputStream in = ProjectionStore.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
