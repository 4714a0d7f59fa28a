package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.MacKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.testsupport.Needles;

/**
 * What an attacker holding caseflow's keys after an erasure can compute: every HMAC of a value under every key
 * caseflow keeps. Every key of the key file's {@code hmac} keyset (Tink HMAC-SHA256; during a rotation it holds the
 * previous key too) with each domain separation
 * the secrets store uses (subject look-up, the subject ids of earlier versions, blind indexes of every kind) and
 * without one; the Twilio auth token (HMAC-SHA1, as webhooks are signed, and HMAC-SHA256). The key file's {@code
 * kek} is an AEAD key: it makes no HMAC, and every subject key it encrypted for the person is shredded.
 */
final class KeysCaseflowHolds {

    /** The inputs the secrets store gives its HMAC key (integrations/secrets, SecretsStore), by name. */
    private static final Map<String, String> SEPARATIONS = separations();

    private static final int LEGACY_SUBJECT_BYTES = 16;

    private final List<Mac> hmacKeys = new ArrayList<>();
    private final List<Integer> prefixBytes = new ArrayList<>();
    private final byte[] twilioToken;

    KeysCaseflowHolds(Path keyFile, String twilioAuthToken) throws IOException, GeneralSecurityException {
        MacConfig.register();
        String keyset =
                new ObjectMapper().readTree(keyFile.toFile()).get("hmac").toString();
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
        for (int i = 0; i < handle.size(); i++) {
            MacKey key = (MacKey) handle.getAt(i).getKey();
            KeysetHandle single = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key)
                            .withFixedId(handle.getAt(i).getId())
                            .makePrimary())
                    .build();
            hmacKeys.add(single.getPrimitive(RegistryConfiguration.get(), Mac.class));
            prefixBytes.add(key.getOutputPrefix().size());
        }
        this.twilioToken = twilioAuthToken.getBytes(StandardCharsets.UTF_8);
    }

    /** Adds to {@code needles} every HMAC of {@code value} this class knows, named after {@code label}. */
    void addEveryMac(Needles needles, String label, String value) {
        try {
            for (int key = 0; key < hmacKeys.size(); key++) {
                String name = "hmac key " + key;
                for (Map.Entry<String, String> separation : SEPARATIONS.entrySet()) {
                    byte[] tag = caseflowMac(key, separation.getValue() + value);
                    needles.bytes("HMAC(" + name + ", " + separation.getKey() + ", " + label + ")", tag);
                }
                byte[] legacy = caseflowMac(key, "caseflow.secrets.subject.v1\0" + value);
                needles.text(
                        "subject id of earlier versions, HMAC(" + name + ", " + label + ")",
                        "s_" + HexFormat.of().formatHex(legacy, 0, LEGACY_SUBJECT_BYTES));
                needles.bytes("HMAC(" + name + ", subject.v1, " + label + ")", legacy);
            }
            needles.bytes("HMAC-SHA1(Twilio auth token, " + label + ")", twilioMac("HmacSHA1", value));
            needles.bytes("HMAC-SHA256(Twilio auth token, " + label + ")", twilioMac("HmacSHA256", value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] caseflowMac(int key, String input) throws GeneralSecurityException {
        byte[] output = hmacKeys.get(key).computeMac(input.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOfRange(output, prefixBytes.get(key), output.length);
    }

    private byte[] twilioMac(String algorithm, String value) throws GeneralSecurityException {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(twilioToken, algorithm));
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> separations() {
        Map<String, String> separations = new LinkedHashMap<>();
        separations.put("no separation", "");
        separations.put("subject-lookup.v2", "caseflow.secrets.subject-lookup.v2\0");
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            separations.put("blind-index " + kind, "caseflow.secrets.blind-index.v1\0" + kind.name() + "\0");
        }
        return Map.copyOf(separations);
    }
}
