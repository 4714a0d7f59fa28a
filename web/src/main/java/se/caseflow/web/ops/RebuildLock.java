package se.caseflow.web.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Which node rebuilds the read side, one in the cluster at a time (docs/adr/0035), in Redis beside the marker of
 * ADR 0033 and outside the generations:
 *
 * <ul>
 *   <li>{@code <prefix>read-side/rebuilder}: the lock, the holder's node name, taken with {@code SET NX PX ttl},
 *       renewed by the holder while its rebuild runs and deleted at its end, so it expires when the holder dies;
 *   <li>{@code <prefix>read-side/rebuild}: the rebuild asked for and not yet ended, kept without expiry, so that
 *       when its node died or stopped another node starts it again.
 * </ul>
 *
 * Both are changed only by their owner (compare-and-delete in one script). Blocking: call on a worker thread.
 */
final class RebuildLock {

    static final String LOCK_KEY = "read-side/rebuilder";
    static final String REQUEST_KEY = "read-side/rebuild";

    /** A rebuild asked for: the same id, processor, requester and reason wherever it runs. */
    record Request(String id, String processor, String requestedBy, String reason) {}

    private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
    private static final String DELETE_OWN =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final RedisCommands<String, String> redis;
    private final String lockKey;
    private final String requestKey;
    private final Duration ttl;
    private final ObjectMapper json;
    private final String node;

    RebuildLock(StatefulRedisConnection<String, String> connection, String prefix, Duration ttl, ObjectMapper json) {
        this.redis = connection.sync();
        this.lockKey = prefix + LOCK_KEY;
        this.requestKey = prefix + REQUEST_KEY;
        this.ttl = ttl;
        this.json = json;
        // the JVM's name, as Axon names a segment's owner, and a part of this context's own
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's name in the lock. */
    String node() {
        return node;
    }

    Duration ttl() {
        return ttl;
    }

    /** Takes the lock when no node holds it, or keeps it when this node does. */
    boolean hold() {
        return renew()
                || "OK".equals(redis.set(lockKey, node, SetArgs.Builder.nx().px(ttl.toMillis())));
    }

    /** Extends this node's hold for another ttl; false when it does not hold the lock (any more). */
    boolean renew() {
        Long renewed = redis.eval(
                RENEW, ScriptOutputType.INTEGER, new String[] {lockKey}, node, Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 1;
    }

    void release() {
        redis.eval(DELETE_OWN, ScriptOutputType.INTEGER, new String[] {lockKey}, node);
    }

    /** The node holding the lock, if any. */
    Optional<String> holder() {
        return Optional.ofNullable(redis.get(lockKey));
    }

    /** Records a rebuild as asked for (replacing an earlier one: the newest one asked for is the one still to run). */
    void ask(Request request) {
        redis.set(requestKey, write(request));
    }

    /** The rebuild asked for and not ended, if any. */
    Optional<Request> asked() {
        String value = redis.get(requestKey);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(value, Request.class));
        } catch (JsonProcessingException unreadable) {
            redis.eval(DELETE_OWN, ScriptOutputType.INTEGER, new String[] {requestKey}, value);
            return Optional.empty();
        }
    }

    /** The rebuild ended: no node needs to start it again, unless another one was asked for meanwhile. */
    void ended(Request request) {
        redis.eval(DELETE_OWN, ScriptOutputType.INTEGER, new String[] {requestKey}, write(request));
    }

    private String write(Request request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
