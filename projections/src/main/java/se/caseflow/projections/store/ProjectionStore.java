package se.caseflow.projections.store;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The projections' side of Redis: reads their own documents back and applies {@link Write}s atomically
 * (one Lua script per event: position check, writes, change notices). Blocking; never call it on a
 * Netty event-loop thread.
 *
 * <p>Keys live in <em>generations</em> so that a projection can be rebuilt from zero while the old copy keeps
 * serving: generation 0 under the installation's prefix ({@code caseflow:case/..}), generation n under
 * {@code <prefix>g<n>:}. The key {@code <prefix>generation} names the one readers see (absent: 0). The store
 * made by the constructor writes the serving generation, checking in the same Lua call that it still serves; a
 * store of a fixed {@link #generation(long) generation} builds it unseen, publishing no notices.
 */
public final class ProjectionStore {

    /** The pub/sub channel (after the key prefix) every change notice is published on. */
    public static final String CHANGES_CHANNEL = "changes";

    /** The key (after the prefix) naming the serving generation. */
    public static final String GENERATION_KEY = "generation";

    /**
     * The key (after the prefix, outside the generations) that says this Redis holds the read side: set when it
     * was started empty and at every switch, so a Redis that comes back without its data lacks it.
     */
    public static final String EPOCH_KEY = "read-side/epoch";

    private static final String APPLY_SCRIPT = script("apply.lua");
    private static final long SERVING = -1;

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final String applyDigest;
    /** {@link #SERVING}, or the fixed generation this store builds. */
    private final long fixed;

    private volatile long serving;

    public ProjectionStore(StatefulRedisConnection<String, String> connection, String prefix) {
        this.redis = connection.sync();
        this.prefix = prefix;
        this.applyDigest = redis.digest(APPLY_SCRIPT);
        this.fixed = SERVING;
        this.serving = servingGeneration();
    }

    private ProjectionStore(ProjectionStore base, long generation) {
        this.redis = base.redis;
        this.prefix = base.prefix;
        this.applyDigest = base.applyDigest;
        this.fixed = generation;
        this.serving = generation;
    }

    /** A store that writes generation {@code generation} and publishes nothing (a rebuild's target). */
    public ProjectionStore generation(long generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation " + generation);
        }
        return new ProjectionStore(this, generation);
    }

    /** The installation's key prefix (without generation). */
    public String prefix() {
        return prefix;
    }

    /** Where the keys of a generation live: the prefix, and {@code g<n>:} after it from generation 1 on. */
    public static String keyPrefix(String prefix, long generation) {
        return generation == 0 ? prefix : prefix + "g" + generation + ":";
    }

    /** The generation readers see now, read from Redis. */
    public long servingGeneration() {
        String value = redis.get(prefix + GENERATION_KEY);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The generation this store writes (for the serving store: as last seen). */
    public long writtenGeneration() {
        return fixed == SERVING ? serving : fixed;
    }

    /**
     * Makes {@code generation} the one readers see, atomically, and publishes {@code {"generation": n}} on the
     * notice channel so that every node re-reads what it serves.
     */
    public void switchTo(long generation) {
        redis.eval(
                "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]);"
                        + " redis.call('PUBLISH', ARGV[2], ARGV[3]); return 1",
                ScriptOutputType.INTEGER,
                new String[] {prefix + GENERATION_KEY, prefix + EPOCH_KEY},
                Long.toString(generation),
                prefix + CHANGES_CHANNEL,
                "{\"generation\":" + generation + "}");
        if (fixed == SERVING) {
            serving = generation;
        }
    }

    /** Whether this Redis still holds the read side it was given ({@link #EPOCH_KEY} is there). */
    public boolean holdsReadSide() {
        return redis.exists(prefix + EPOCH_KEY) == 1;
    }

    /** Marks this Redis as holding the read side, unless it is marked already; true when it was not. */
    public boolean markReadSide() {
        return "OK".equals(redis.set(prefix + EPOCH_KEY, Long.toString(servingGeneration()), SetArgs.Builder.nx()));
    }

    public String get(String key) {
        return redis.get(keyPrefix(prefix, writtenGeneration()) + key);
    }

    /** The members of the set at {@code key}, empty when there is none. */
    public Set<String> members(String key) {
        return redis.smembers(keyPrefix(prefix, writtenGeneration()) + key);
    }

    /**
     * Applies the write; {@code false} when its position had been applied already and nothing changed.
     *
     * @throws GenerationMovedException when this is the serving store and another generation began to serve
     *     since it last looked: nothing was written; read again and retry
     * @throws ReadChangedException when a key the write {@linkplain Write#expect expects} changed since it was read
     *     (another event's handler on another thread): nothing was written; read again and retry
     */
    public boolean apply(Write write) {
        long generation = writtenGeneration();
        String keyPrefix = keyPrefix(prefix, generation);
        List<String> keyList = new ArrayList<>(write.guardKeys.size() + write.keys.size() + 2);
        keyList.add(prefix + GENERATION_KEY);
        keyList.add(keyPrefix + write.positionKey());
        write.guardKeys.forEach(key -> keyList.add(keyPrefix + key));
        write.keys.forEach(key -> keyList.add(keyPrefix + key));
        String[] keys = keyList.toArray(String[]::new);
        List<String> arguments = new ArrayList<>(write.arguments.size() + write.guardDigests.size() + 4);
        arguments.add(write.position() == Write.UNPOSITIONED ? "" : Long.toString(write.position()));
        // a rebuild's generation is unseen: no notices, and no check that it serves
        arguments.add(fixed == SERVING ? prefix + CHANGES_CHANNEL : "");
        arguments.add(fixed == SERVING ? Long.toString(generation) : "");
        arguments.add(Integer.toString(write.guardDigests.size()));
        arguments.addAll(write.guardDigests);
        arguments.addAll(write.arguments);
        String[] values = arguments.toArray(String[]::new);
        Long applied;
        try {
            applied = redis.evalsha(applyDigest, ScriptOutputType.INTEGER, keys, values);
        } catch (RedisNoScriptException e) {
            // Redis restarted or flushed its script cache: EVAL sends the body and caches it again
            applied = redis.eval(APPLY_SCRIPT, ScriptOutputType.INTEGER, keys, values);
        }
        if (applied == -1L) {
            serving = servingGeneration();
            throw new GenerationMovedException(generation, serving);
        }
        if (applied == -2L) {
            throw new ReadChangedException();
        }
        return applied == 1L;
    }

    /**
     * Reads from the store {@code store} names now, then applies what {@code read} made of it (null: nothing to
     * write); reads again while the write finds a key it was made from changed (an erasure and a case's own event on
     * two threads) and, once, when a rebuilt generation began to serve (on another node).
     */
    public static void readAndApply(Supplier<ProjectionStore> store, Function<ProjectionStore, Write> read) {
        boolean generationMoved = false;
        while (true) {
            ProjectionStore target = store.get();
            Write write = read.apply(target);
            if (write == null) {
                return;
            }
            try {
                target.apply(write);
                return;
            } catch (ReadChangedException e) {
                // read again
            } catch (GenerationMovedException e) {
                if (generationMoved) {
                    throw e;
                }
                generationMoved = true;
            }
        }
    }

    /** Deletes every key under the given logical key prefixes in the generation this store writes. */
    public long deleteAll(List<String> keyPrefixes) {
        return deleteAll(writtenGeneration(), keyPrefixes);
    }

    /** Deletes every key under the given logical key prefixes of one generation; returns how many went. */
    public long deleteAll(long generation, List<String> keyPrefixes) {
        long deleted = 0;
        for (String keyPrefix : keyPrefixes) {
            KeyScanArgs match = KeyScanArgs.Builder.matches(glob(keyPrefix(prefix, generation) + keyPrefix) + "*")
                    .limit(1000);
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

    /** The serving generation changed under a write; nothing was written. */
    public static final class GenerationMovedException extends RuntimeException {
        GenerationMovedException(long was, long now) {
            super("The serving read-side generation moved from " + was + " to " + now);
        }
    }

    /** A key the write was made from changed under it; nothing was written. */
    public static final class ReadChangedException extends RuntimeException {
        ReadChangedException() {
            super("A key the write was made from changed since it was read");
        }
    }
}
