package se.caseflow.testsupport;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every byte a test's stores hold and reports each place a {@link Needles needle} is found: every row and
 * column of every table of a PostgreSQL database, every key and value under a Redis key prefix, every record (key,
 * value, headers) of every topic of a Kafka broker, every line of a file. Each value is searched as UTF-8, as raw
 * bytes, and decoded again where it holds a run of base64 or hex (a token's ciphertext, a payload inside JSON), so
 * that a needle is found whatever encoding a store gave it. A {@link Hit} names the store, the place and the form.
 */
public final class ByteStoreScan {

    /** One needle found: {@code store} ("postgres", "redis", "kafka", "file"), where in it, and the needle's form. */
    public record Hit(String store, String location, String form) {
        @Override
        public String toString() {
            return store + " " + location + ": " + form;
        }
    }

    private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){8,}");
    private static final Duration KAFKA_PATIENCE = Duration.ofSeconds(60);
    private static final int LOCATION_LABEL_CHARS = 80;

    private final NeedleIndex index;
    private final Set<Hit> hits = new LinkedHashSet<>();
    private final Map<String, Integer> valuesRead = new LinkedHashMap<>();

    public ByteStoreScan(Needles needles) {
        this.index = new NeedleIndex(needles);
    }

    /** Every row of every table in every schema of the database but PostgreSQL's own. */
    public ByteStoreScan postgres(DataSource database) {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables"
                            + " WHERE table_type = 'BASE TABLE'"
                            + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                scanTable(statement, table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not scan the database", e);
        }
        return this;
    }

    private void scanTable(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            int row = 0;
            while (rows.next()) {
                row++;
                String label = table + " row " + row + " (" + shorten(rows.getString(1)) + ")";
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    byte[] value = isBinary(columns.getColumnType(column))
                            ? rows.getBytes(column)
                            : bytes(rows.getString(column));
                    scan("postgres", label + " column " + columns.getColumnName(column), value);
                }
            }
        }
    }

    private static boolean isBinary(int type) {
        return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
    }

    /** Every key under {@code prefix} and everything in it: strings, hashes, lists, sets, sorted sets, streams. */
    public ByteStoreScan redis(String uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = redis.scan(
                        cursor, KeyScanArgs.Builder.matches(prefix + "*").limit(1000));
                for (byte[] key : page.getKeys()) {
                    scanKey(redis, key);
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
        return this;
    }

    private void scanKey(RedisCommands<byte[], byte[]> redis, byte[] key) {
        String name = new String(key, StandardCharsets.UTF_8);
        scan("redis", "key " + name, key);
        String where = "value of " + name;
        switch (redis.type(key)) {
            case "string" -> scan("redis", where, redis.get(key));
            case "hash" ->
                redis.hgetall(key).forEach((field, value) -> {
                    scan("redis", where + " field " + new String(field, StandardCharsets.UTF_8), field);
                    scan("redis", where + " field " + new String(field, StandardCharsets.UTF_8), value);
                });
            case "list" -> redis.lrange(key, 0, -1).forEach(value -> scan("redis", where, value));
            case "set" -> redis.smembers(key).forEach(value -> scan("redis", where, value));
            case "zset" -> redis.zrange(key, 0, -1).forEach(value -> scan("redis", where, value));
            case "stream" ->
                redis.xrange(key, Range.create("-", "+"))
                        .forEach(entry -> entry.getBody().forEach((field, value) -> {
                            String at = where + " entry " + entry.getId();
                            scan("redis", at, field);
                            scan("redis", at, value);
                        }));
            case "none" -> {
                // deleted since the scan listed it
            }
            default -> throw new IllegalStateException("a Redis type the scan does not read: " + name);
        }
    }

    /** Every record of every topic on the broker, internal topics too, aborted transactions too. */
    public ByteStoreScan kafka(String bootstrapServers) {
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not list the broker's topics", e);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, KAFKA_PATIENCE)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_PATIENCE);
            long deadline = System.nanoTime() + KAFKA_PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, KAFKA_PATIENCE) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end within " + KAFKA_PATIENCE);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(this::scanRecord);
            }
        }
        return this;
    }

    private void scanRecord(ConsumerRecord<byte[], byte[]> record) {
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        scan("kafka", where + " key", record.key());
        scan("kafka", where + " value", record.value());
        for (Header header : record.headers()) {
            scan("kafka", where + " header " + header.key(), bytes(header.key()));
            scan("kafka", where + " header " + header.key(), header.value());
        }
    }

    /** Every line of a file (a log). */
    public ByteStoreScan file(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int line = 0; line < lines.size(); line++) {
                scan("file", file.getFileName() + ":" + (line + 1), bytes(lines.get(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Every needle found so far, in the order found. */
    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** How many values (cells, keys and values, record parts, lines) each store gave the scan. */
    public Map<String, Integer> valuesRead() {
        return Map.copyOf(valuesRead);
    }

    private void scan(String store, String location, byte[] value) {
        valuesRead.merge(store, 1, Integer::sum);
        if (value == null) {
            return;
        }
        for (String view : views(value)) {
            for (String form : index.find(view)) {
                hits.add(new Hit(store, location, form));
            }
        }
    }

    /** The value as UTF-8 and as raw bytes, and every base64 or hex run in it decoded, the same two ways. */
    private static List<String> views(byte[] value) {
        List<String> views = new ArrayList<>(readings(value));
        String text = views.get(0);
        Matcher encoded = ENCODED.matcher(text);
        while (encoded.find()) {
            decodeBase64(encoded.group()).ifPresent(decoded -> views.addAll(readings(decoded)));
        }
        Matcher hex = HEX.matcher(text);
        while (hex.find()) {
            views.addAll(readings(HexFormat.of().parseHex(hex.group())));
        }
        return views;
    }

    private static List<String> readings(byte[] bytes) {
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b < 0) {
                return List.of(utf8, new String(bytes, StandardCharsets.ISO_8859_1));
            }
        }
        return List.of(utf8);
    }

    private static Optional<byte[]> decodeBase64(String run) {
        String unpadded = run.replace("=", "");
        boolean url = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
        try {
            return Optional.of((url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text == null || text.length() <= LOCATION_LABEL_CHARS ? text : text.substring(0, LOCATION_LABEL_CHARS);
    }
}
