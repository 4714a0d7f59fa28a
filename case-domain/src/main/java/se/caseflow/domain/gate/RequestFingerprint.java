package se.caseflow.domain.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the command type and its payload in canonical form (object keys sorted), so the same
 * request with its fields in another order is still the same request.
 */
final class RequestFingerprint {

    private RequestFingerprint() {}

    static String of(ObjectMapper json, String type, JsonNode payload) {
        try {
            Object plain = json.convertValue(payload, Object.class);
            byte[] canonical = json.writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(plain);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(type.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return HexFormat.of().formatHex(sha256.digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint a validated payload", e);
        }
    }
}
