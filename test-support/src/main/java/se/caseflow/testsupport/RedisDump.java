package se.caseflow.testsupport;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Every key under a prefix with its type and full content, in key order: two dumps compare as text. */
public final class RedisDump {

    private RedisDump() {}

    public static String of(RedisCommands<String, String> redis, String prefix) {
        StringBuilder dump = new StringBuilder();
        byKey(redis, prefix, key -> true)
                .forEach((key, content) -> dump.append(key).append(' ').append(content));
        return dump.toString();
    }

    /**
     * The keys under {@code prefix} (without it) that {@code keep} accepts, each with its type and content as text:
     * two maps compare key for key.
     */
    public static SortedMap<String, String> byKey(
            RedisCommands<String, String> redis, String prefix, Predicate<String> keep) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page =
                    redis.scan(cursor, KeyScanArgs.Builder.matches(prefix + "*").limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        SortedMap<String, String> dump = new TreeMap<>();
        for (String key : keys) {
            String name = key.substring(prefix.length());
            if (keep.test(name)) {
                dump.put(name, content(redis, key));
            }
        }
        return dump;
    }

    private static String content(RedisCommands<String, String> redis, String key) {
        String type = redis.type(key);
        StringBuilder content = new StringBuilder("(").append(type).append(")\n");
        switch (type) {
            case "string" -> content.append("  ").append(redis.get(key)).append('\n');
            case "stream" ->
                redis.xrange(key, Range.create("-", "+"))
                        .forEach(m -> content.append("  ")
                                .append(m.getId())
                                .append(' ')
                                .append(m.getBody())
                                .append('\n'));
            case "zset" ->
                redis.zrangeWithScores(key, 0, -1)
                        .forEach(v -> content.append("  ")
                                .append(v.getValue())
                                .append(' ')
                                .append(String.format(Locale.ROOT, "%.0f", v.getScore()))
                                .append('\n'));
            case "hash" ->
                content.append("  ").append(new TreeMap<>(redis.hgetall(key))).append('\n');
            case "set" ->
                content.append("  ")
                        .append(new java.util.TreeSet<>(redis.smembers(key)))
                        .append('\n');
            case "none" -> content.append("  (deleted while read)\n");
            default -> throw new IllegalStateException("Unexpected type " + type + " of " + key);
        }
        return content.toString();
    }

    /** How two dumps differ, key by key: only in the first, only in the second, different content. */
    public static Map<String, String> differences(Map<String, String> first, Map<String, String> second) {
        SortedMap<String, String> differences = new TreeMap<>();
        first.forEach((key, content) -> {
            if (!second.containsKey(key)) {
                differences.put(key, "only in the first");
            } else if (!second.get(key).equals(content)) {
                differences.put(
                        key,
                        "differs: " + content.strip() + " <> " + second.get(key).strip());
            }
        });
        second.keySet().stream()
                .filter(key -> !first.containsKey(key))
                .forEach(key -> differences.put(key, "only in the second"));
        return differences;
    }
}
