package se.caseflow.projections;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** Every key under a prefix with its type and full content, in key order: two dumps compare as text. */
public final class RedisDump {

    private RedisDump() {}

    public static String of(RedisCommands<String, String> redis, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page =
                    redis.scan(cursor, KeyScanArgs.Builder.matches(prefix + "*").limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        keys.sort(null);
        StringBuilder dump = new StringBuilder();
        for (String key : keys) {
            String type = redis.type(key);
            dump.append(key.substring(prefix.length()))
                    .append(" (")
                    .append(type)
                    .append(")\n");
            switch (type) {
                case "string" -> dump.append("  ").append(redis.get(key)).append('\n');
                case "stream" ->
                    redis.xrange(key, Range.create("-", "+"))
                            .forEach(m -> dump.append("  ")
                                    .append(m.getId())
                                    .append(' ')
                                    .append(m.getBody())
                                    .append('\n'));
                case "zset" ->
                    redis.zrangeWithScores(key, 0, -1)
                            .forEach(v -> dump.append("  ")
                                    .append(v.getValue())
                                    .append(' ')
                                    .append(String.format(Locale.ROOT, "%.0f", v.getScore()))
                                    .append('\n'));
                case "hash" ->
                    dump.append("  ").append(new TreeMap<>(redis.hgetall(key))).append('\n');
                default -> throw new IllegalStateException("Unexpected type " + type + " of " + key);
            }
        }
        return dump.toString();
    }
}
