package se.caseflow.domain.gate;

/**
 * The idempotency keys the Kafka channel makes for records sent without one ({@code kafka:<topic>:<partition>:
 * <offset>}). They share the staff gate's namespace with the keys clients send, so no client may send a key of
 * that shape: claimed early through HTTP or in a record, it would refuse the future record it names.
 */
public final class RecordKeys {

    public static final String PREFIX = "kafka:";

    private RecordKeys() {}

    public static String forRecord(String topic, int partition, long offset) {
        return PREFIX + topic + ":" + partition + ":" + offset;
    }

    /** Whether a key sent by a client is one only the Kafka channel may make. */
    public static boolean isReserved(String clientKey) {
        return clientKey.startsWith(PREFIX);
    }
}
