package se.caseflow.projections.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import se.caseflow.domain.json.Json;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The read API of the projections for the doc-store. Keys are logical ({@code case/{id}},
 * {@code case/{id}/activity}, {@code view/open}, {@code view/today/2026-11-25}); the installation's key
 * prefix is added here. No access control: the caller decides who may read what. Blocking; call it off
 * the Netty event loop.
 */
public final class ProjectionReader {

    private static final ObjectMapper JSON = Json.mapper();

    /**
     * Keys under {@code ops/} are documents of the ops side (processor status), not projections: they live
     * outside the generations and are never rebuilt.
     */
    public static final String OPS_KEYS = "ops/";

    /** A switch notice starts like this: {@code {"generation":2}}. */
    public static final String GENERATION_NOTICE = "{\"generation\":";

    /** How long the serving generation is trusted before it is read again (a switch also tells at once). */
    private static final long GENERATION_TTL_NANOS = 1_000_000_000L;

    private final RedisClient client;
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private volatile long generation;
    private volatile long generationReadAt;

    public ProjectionReader(RedisClient client, StatefulRedisConnection<String, String> connection, String prefix) {
        this.client = client;
        this.redis = connection.sync();
        this.prefix = prefix;
        this.generation = readGeneration();
        this.generationReadAt = System.nanoTime();
    }

    /**
     * The generation of the read side this reader serves (see {@link ProjectionStore}): re-read at most a second
     * after it was last read, and at once when a switch notice arrives on a subscription. A rebuild keeps the
     * old generation for longer than that after the switch, so a read never finds a dropped generation.
     */
    public long generation() {
        if (System.nanoTime() - generationReadAt > GENERATION_TTL_NANOS) {
            generation = readGeneration();
            generationReadAt = System.nanoTime();
        }
        return generation;
    }

    private long readGeneration() {
        String value = redis.get(prefix + ProjectionStore.GENERATION_KEY);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Where a logical key lives: projections' keys in the serving generation, {@code ops/} keys outside. */
    private String keys(String key) {
        return key.startsWith(OPS_KEYS) ? prefix + key : ProjectionStore.keyPrefix(prefix, generation()) + key;
    }

    /** The key of a daily view ({@code today}, {@code closed-today}) for a Europe/Stockholm date. */
    public static String dailyViewKey(String view, LocalDate stockholmDate) {
        return "view/" + view + "/" + stockholmDate;
    }

    /** The current copy of a document, with the version its JSON carries. */
    public Optional<Document> document(String key) {
        String json = redis.get(keys(key));
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode version = JSON.readTree(json).get("version");
            return Optional.of(new Document(key, version == null ? 0 : version.asLong(), json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable document " + key, e);
        }
    }

    /**
     * Feed entries after {@code afterId} (exclusive; {@code null} from the start), oldest first, at most
     * {@code limit}. A client resumes after a gap by passing the last id it saw.
     */
    public List<FeedEntry> feed(String key, String afterId, int limit) {
        Range.Boundary<String> lower = afterId == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(afterId);
        List<StreamMessage<String, String>> messages =
                redis.xrange(keys(key), Range.from(lower, Range.Boundary.unbounded()), Limit.from(limit));
        return messages.stream()
                .map(m -> new FeedEntry(m.getId(), Collections.unmodifiableMap(new LinkedHashMap<>(m.getBody()))))
                .toList();
    }

    /**
     * Whether Redis still holds the read side: false once it came back without its data, until the rebuild that
     * restores it switches (docs/read-side.md). An absent key read then means "not known yet", not "none".
     */
    public boolean holdsReadSide() {
        return redis.exists(prefix + ProjectionStore.EPOCH_KEY) == 1;
    }

    /** Whether a feed exists at all (an empty answer from {@link #feed} does not tell). */
    public boolean exists(String key) {
        return redis.exists(keys(key)) == 1;
    }

    /** A page of a view, latest first (highest score, ties by case id), with the view's size. */
    public ViewPage view(String key, long offset, int limit) {
        List<ScoredValue<String>> members =
                limit <= 0 ? List.of() : redis.zrevrangeWithScores(keys(key), offset, offset + limit - 1);
        return new ViewPage(
                key,
                count(key),
                members.stream()
                        .map(m -> new ViewPage.Member(m.getValue(), (long) m.getScore()))
                        .toList());
    }

    /** How many cases a view holds (ZCARD, O(1)). */
    public long count(String viewKey) {
        return redis.zcard(keys(viewKey));
    }

    /**
     * Listens to every change notice ({@code <prefix>changes}) on its own pub/sub connection until the
     * returned handle is closed. A notice {@code {"generation": n}} says a rebuilt generation now serves: every
     * key may have a new copy. The listener gets the notice JSON as published (docs/read-side.md, "Change notices") and runs
     * on a Lettuce I/O thread: it must hand work off, never block.
     */
    public AutoCloseable subscribe(Consumer<String> listener) {
        return subscribe(listener, () -> {});
    }

    /**
     * Like {@link #subscribe(Consumer)}, and calls {@code onResubscribed} each time the connection has been
     * re-established after a drop (Lettuce subscribes again by itself): notices published meanwhile are
     * lost, so the caller re-reads what it serves. The connection is named {@code <prefix>notices}.
     */
    public AutoCloseable subscribe(Consumer<String> listener, Runnable onResubscribed) {
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
        String channel = prefix + ProjectionStore.CHANGES_CHANNEL;
        AtomicInteger subscriptions = new AtomicInteger();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                if (channel.equals(from)) {
                    if (message.startsWith(GENERATION_NOTICE)) {
                        generation =
                                Long.parseLong(message.substring(GENERATION_NOTICE.length(), message.length() - 1));
                        generationReadAt = System.nanoTime();
                    }
                    listener.accept(message);
                }
            }

            @Override
            public void subscribed(String subscribedChannel, long count) {
                if (channel.equals(subscribedChannel) && subscriptions.getAndIncrement() > 0) {
                    onResubscribed.run();
                }
            }
        });
        connection.sync().clientSetname(prefix + "notices");
        connection.sync().subscribe(channel);
        return connection::close;
    }

    /** A document's current JSON and its version. */
    public record Document(String key, long version, String json) {}

    /** One feed entry: its id ({@code <n>-0}) and fields in their order (version, type, text, at, localTime). */
    public record FeedEntry(String id, Map<String, String> fields) {}

    /** A page of a view and the view's total count. */
    public record ViewPage(String key, long count, List<Member> members) {

        public record Member(String caseId, long score) {}
    }
}
