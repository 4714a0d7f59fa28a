package se.caseflow.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.MacKey;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root keys of the store: the KEK keyset (Tink AEAD) that encrypts every subject keyset, and the HMAC keyset
 * (Tink MAC) behind subject ids and blind indexes.
 *
 * <p>Stored as JSON holding two Tink cleartext JSON keysets:
 *
 * <pre>{"format": "caseflow-secrets-keys/1", "kek": {Tink keyset}, "hmac": {Tink keyset}}</pre>
 *
 * <p>The KEK keyset may hold several keys (rotation: add a key, make it primary, run {@link KeyRewrapJob}, then
 * remove the old one). So may the HMAC keyset (docs/adr/0040): each key has its Tink key id, the primary writes every
 * new look-up row and blind index, the others are only tried when looking up, until {@link HmacKeyRotation} has
 * re-derived every row under the primary and the old key is removed from the key material.
 */
final class KeyMaterial {

    static final String FORMAT = "caseflow-secrets-keys/1";
    private static final int MIN_TAG_BYTES = 16;
    private static final HmacParameters HMAC_PARAMETERS;

    static {
        try {
            AeadConfig.register();
            MacConfig.register();
            HMAC_PARAMETERS = HmacParameters.builder()
                    .setKeySizeBytes(32)
                    .setTagSizeBytes(32)
                    .setHashType(HmacParameters.HashType.SHA256)
                    .setVariant(HmacParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle kek;
    private final KeysetHandle hmac;
    private final Aead kekAead;
    /** The HMAC keys by Tink key id, the primary first. */
    private final Map<Long, RawMac> macs;

    private record RawMac(Mac mac, int prefixLength) {
        byte[] compute(byte[] input) {
            try {
                byte[] output = mac.computeMac(input);
                return Arrays.copyOfRange(output, prefixLength, output.length);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC failed", e);
            }
        }
    }

    private KeyMaterial(KeysetHandle kek, KeysetHandle hmac) throws GeneralSecurityException {
        this.kek = kek;
        this.hmac = hmac;
        this.kekAead = kek.getPrimitive(RegistryConfiguration.get(), Aead.class);
        Map<Long, RawMac> keys = new LinkedHashMap<>();
        keys.put(Integer.toUnsignedLong(hmac.getPrimary().getId()), rawMac(hmac.getPrimary()));
        for (int i = 0; i < hmac.size(); i++) {
            keys.putIfAbsent(Integer.toUnsignedLong(hmac.getAt(i).getId()), rawMac(hmac.getAt(i)));
        }
        this.macs = Collections.unmodifiableMap(keys);
    }

    /** One HMAC key of the keyset on its own, so that a tag can be computed under any key, not only the primary. */
    private static RawMac rawMac(KeysetHandle.Entry entry) throws GeneralSecurityException {
        if (!(entry.getKey() instanceof MacKey macKey)) {
            throw new GeneralSecurityException("the hmac keyset must hold MAC keys only");
        }
        if (macKey.getParameters() instanceof HmacParameters parameters
                && parameters.getCryptographicTagSizeBytes() < MIN_TAG_BYTES) {
            throw new GeneralSecurityException("the hmac key's tag must be at least " + MIN_TAG_BYTES + " bytes");
        }
        if (entry.getStatus() != KeyStatus.ENABLED) {
            throw new GeneralSecurityException(
                    "the hmac keyset holds a key that is not enabled: remove it instead (docs/adr/0040)");
        }
        KeysetHandle single = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(macKey)
                        .withFixedId(entry.getId())
                        .makePrimary())
                .build();
        return new RawMac(
                single.getPrimitive(RegistryConfiguration.get(), Mac.class),
                macKey.getOutputPrefix().size());
    }

    static KeyMaterial generate() {
        try {
            return new KeyMaterial(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                    KeysetHandle.generateNew(HMAC_PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate secrets key material", e);
        }
    }

    /**
     * @param source where the JSON came from, named in errors (the content never is)
     */
    static KeyMaterial fromJson(String json, String source) {
        try {
            JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            JsonElement format = root.get("format");
            if (format == null || !FORMAT.equals(format.getAsString())) {
                throw new IllegalArgumentException(
                        "secrets key material in " + source + " must have \"format\": \"" + FORMAT + "\"");
            }
            return new KeyMaterial(keyset(root, "kek", source), keyset(root, "hmac", source));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            // Gson messages may quote the input: leave the cause out.
            throw new IllegalArgumentException("secrets key material in " + source + " is not valid JSON");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "secrets key material in " + source + " is not usable: " + e.getMessage());
        }
    }

    private static KeysetHandle keyset(JsonObject root, String name, String source) throws GeneralSecurityException {
        JsonElement element = root.get(name);
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(
                    "secrets key material in " + source + " has no \"" + name + "\" keyset object");
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(element.toString(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("the \"" + name + "\" keyset cannot be parsed");
        }
    }

    String toJson() {
        try {
            JsonObject root = new JsonObject();
            root.addProperty("format", FORMAT);
            root.add(
                    "kek",
                    JsonParser.parseString(
                            TinkJsonProtoKeysetFormat.serializeKeyset(kek, InsecureSecretKeyAccess.get())));
            root.add(
                    "hmac",
                    JsonParser.parseString(
                            TinkJsonProtoKeysetFormat.serializeKeyset(hmac, InsecureSecretKeyAccess.get())));
            return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serialise secrets key material", e);
        }
    }

    /** The same material with a freshly generated KEK key as primary; the old KEK keys stay for decryption. */
    KeyMaterial withNewPrimaryKek() {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(kek)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return new KeyMaterial(rotated, hmac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not rotate the KEK", e);
        }
    }

    /** The same material without the given (non-primary) KEK key. */
    KeyMaterial withoutKekKey(long keyId) {
        try {
            return new KeyMaterial(without(kek, keyId), hmac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not remove the KEK key", e);
        }
    }

    private static KeysetHandle without(KeysetHandle keyset, long keyId) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (Integer.toUnsignedLong(keyset.getAt(i).getId()) == keyId) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }

    long kekPrimaryKeyId() {
        return Integer.toUnsignedLong(kek.getPrimary().getId());
    }

    int kekKeyCount() {
        return kek.size();
    }

    /** Encrypts a subject keyset under the primary KEK key, bound to its subject. */
    byte[] encryptSubjectKeyset(KeysetHandle subjectKeyset, String subject) throws GeneralSecurityException {
        return encryptKeyset(subjectKeyset, subjectBinding(subject));
    }

    KeysetHandle decryptSubjectKeyset(byte[] encrypted, String subject) throws GeneralSecurityException {
        return decryptKeyset(encrypted, subjectBinding(subject));
    }

    /** Encrypts a keyset under the primary KEK key, bound to {@code associatedData} (what the keyset is for). */
    byte[] encryptKeyset(KeysetHandle keyset, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, kekAead, associatedData);
    }

    KeysetHandle decryptKeyset(byte[] encrypted, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(encrypted, kekAead, associatedData);
    }

    private static byte[] subjectBinding(String subject) {
        return ("caseflow.secrets.subject-key.v1\0" + subject).getBytes(StandardCharsets.UTF_8);
    }

    /** The raw HMAC tag (without any Tink output prefix) of the input under the primary HMAC key. */
    byte[] hmac(byte[] input) {
        return hmac(hmacPrimaryKeyId(), input);
    }

    /** The raw HMAC tag of the input under the HMAC key with this Tink key id. */
    byte[] hmac(long keyId, byte[] input) {
        RawMac mac = macs.get(keyId);
        if (mac == null) {
            throw new IllegalArgumentException("no HMAC key " + keyId + " in the key material");
        }
        return mac.compute(input);
    }

    /** The Tink key id of the HMAC key that writes every new look-up row and blind index. */
    long hmacPrimaryKeyId() {
        return Integer.toUnsignedLong(hmac.getPrimary().getId());
    }

    /** Every HMAC key id, the primary first: the order look-ups try them in. */
    List<Long> hmacKeyIds() {
        return List.copyOf(macs.keySet());
    }

    /** The same material with a freshly generated HMAC key; made primary or only added (to be promoted later). */
    KeyMaterial withNewHmacKey(boolean primary) {
        try {
            KeysetHandle.Builder.Entry entry =
                    KeysetHandle.generateEntryFromParameters(HMAC_PARAMETERS).withRandomId();
            KeysetHandle rotated = KeysetHandle.newBuilder(hmac)
                    .addEntry(primary ? entry.makePrimary() : entry)
                    .build();
            return new KeyMaterial(kek, rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not add an HMAC key", e);
        }
    }

    /** The same material without the given (non-primary) HMAC key: the key is gone from this copy. */
    KeyMaterial withoutHmacKey(long keyId) {
        try {
            return new KeyMaterial(kek, without(hmac, keyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not remove the HMAC key", e);
        }
    }

    @Override
    public String toString() {
        return "KeyMaterial[kekKeys=" + kek.size() + ", kekPrimary=" + kekPrimaryKeyId() + ", hmacKeys=" + hmacKeyIds()
                + ", secrets withheld]";
    }
}
