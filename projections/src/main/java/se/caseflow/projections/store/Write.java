package se.caseflow.projections.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Everything one event changes, applied atomically by {@link ProjectionStore#apply} together with its
 * change notices, or not at all when the position key shows the event was applied before. Keys are
 * logical (without the installation's prefix).
 */
public final class Write {

    /** The position of a write that has none: applied every time, guarded by what it read instead. */
    static final long UNPOSITIONED = -1;

    private static final String UNPOSITIONED_KEY = "applied/none";
    private static final String ABSENT = "absent";

    private final String positionKey;
    private final long position;
    final List<String> guardKeys = new ArrayList<>();
    final List<String> guardDigests = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final List<String> arguments = new ArrayList<>();

    private Write(String positionKey, long position) {
        this.positionKey = positionKey;
        this.position = position;
    }

    /**
     * Starts the writes of the event at {@code position} (for example the aggregate sequence number); they
     * are skipped when {@code positionKey} already holds this position or a later one.
     */
    public static Write at(String positionKey, long position) {
        return new Write(positionKey, position);
    }

    /**
     * Starts writes that belong to no one position (an event that changes several cases): applied whenever sent,
     * so they must be the same however often they are; {@link #expect guards} keep them from overwriting what
     * another thread wrote since they read it.
     */
    public static Write unpositioned() {
        return new Write(UNPOSITIONED_KEY, UNPOSITIONED);
    }

    /**
     * Applies the write only if {@code key} still holds {@code value} as read (null: the key must not exist);
     * otherwise {@link ProjectionStore#apply} writes nothing and throws {@link ProjectionStore.ReadChangedException}.
     */
    public Write expect(String key, String value) {
        guardKeys.add(key);
        guardDigests.add(value == null ? ABSENT : sha1(value));
        return this;
    }

    /** Adds {@code member} to the set at {@code key}; no notice. */
    public Write setAdd(String key, String member) {
        keys.add(key);
        arguments.add("sadd");
        arguments.add(member);
        return this;
    }

    /** Sets {@code key} to {@code value}; no notice (bookkeeping nobody subscribes to). */
    public Write mark(String key, String value) {
        keys.add(key);
        arguments.add("set");
        arguments.add(value);
        return this;
    }

    /** Deletes the entry {@code entryId} from the feed at {@code key}; no notice. */
    public Write feedDelete(String key, String entryId) {
        keys.add(key);
        arguments.add("xdel");
        arguments.add(entryId);
        return this;
    }

    /** Deletes {@code key} (a feed that starts over, a set no longer needed); no notice. */
    public Write delete(String key) {
        keys.add(key);
        arguments.add("del");
        return this;
    }

    String positionKey() {
        return positionKey;
    }

    long position() {
        return position;
    }

    /** Replaces the document at {@code key}; notice {@code {"key", "version"}}. */
    public Write document(String key, long version, String json) {
        keys.add(key);
        arguments.add("doc");
        arguments.add(json);
        arguments.add("{\"key\":" + quote(key) + ",\"version\":" + version + "}");
        return this;
    }

    /**
     * Appends an entry with the given id ({@code <n>-0}) and fields, in their order; notice
     * {@code {"key", "entryId"}}.
     */
    public Write feedEntry(String key, String entryId, Map<String, String> fields) {
        keys.add(key);
        arguments.add("feed");
        arguments.add(entryId);
        arguments.add(Integer.toString(fields.size() * 2));
        fields.forEach((field, value) -> {
            arguments.add(field);
            arguments.add(value);
        });
        arguments.add("{\"key\":" + quote(key) + ",\"entryId\":" + quote(entryId) + "}");
        return this;
    }

    /** Adds or moves {@code member} in the view (sorted set); notice {@code {"key", "op":"add", ...}}. */
    public Write viewAdd(String key, String member, long score) {
        keys.add(key);
        arguments.add("zadd");
        arguments.add(Long.toString(score));
        arguments.add(member);
        arguments.add(viewNotice(key, "add", member) + ",\"score\":" + score + ",\"count\":");
        return this;
    }

    /** Removes {@code member} from the view; notice {@code {"key", "op":"remove", ...}} if it was there. */
    public Write viewRemove(String key, String member) {
        keys.add(key);
        arguments.add("zrem");
        arguments.add(member);
        arguments.add(viewNotice(key, "remove", member) + ",\"count\":");
        return this;
    }

    private static String sha1(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String viewNotice(String key, String op, String member) {
        return "{\"key\":" + quote(key) + ",\"op\":\"" + op + "\",\"member\":" + quote(member);
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
