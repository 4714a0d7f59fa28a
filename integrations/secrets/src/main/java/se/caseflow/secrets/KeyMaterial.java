package se.caseflow.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
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

/**
 * The root keys of the store: the KEK keyset (Tink AEAD) that encrypts every subject keyset, and the HMAC keyset
 * (Tink MAC) behind subject ids and blind indexes.
 *
 * <p>Stored as JSON holding two Tink cleartext JSON keysets:
 *
 * <pre>{"format": "caseflow-secrets-keys/1", "kek": {Tink keyset}, "hmac": {Tink keyset}}</pre>
 *
 * <p>The KEK keyset may hold several keys (rotation: add a key, make it primary, run {@link KeyRewrapJob}, then
 * remove the old one). The HMAC keyset must hold exactly one key: subject ids and blind indexes are derived from it,
 * so it can never be rotated without re-deriving them all.
 */
final class KeyMaterial {

    static final String FORMAT = "caseflow-secrets-keys/1";
    private static final int MIN_TAG_BYTES = 16;

    static {
        try {
            AeadConfig.register();
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle kek;
    private final KeysetHandle hmac;
    private final Aead kekAead;
    private final Mac mac;
    private final int macPrefixLength;

    private KeyMaterial(KeysetHandle kek, KeysetHandle hmac) throws GeneralSecurityException {
        this.kek = kek;
        this.hmac = hmac;
        this.kekAead = kek.getPrimitive(RegistryConfiguration.get(), Aead.class);
        if (hmac.size() != 1) {
            throw new GeneralSecurityException("the hmac keyset must hold exactly one key (it cannot be rotated)");
        }
        if (!(hmac.getPrimary().getKey() instanceof MacKey macKey)) {
            throw new GeneralSecurityException("the hmac keyset must hold a MAC key");
        }
        this.mac = hmac.getPrimitive(RegistryConfiguration.get(), Mac.class);
        this.macPrefixLength = macKey.getOutputPrefix().size();
        if (macKey.getParameters() instanceof HmacParameters parameters
                && parameters.getCryptographicTagSizeBytes() < MIN_TAG_BYTES) {
            throw new GeneralSecurityException("the hmac key's tag must be at least " + MIN_TAG_BYTES + " bytes");
        }
    }

    static KeyMaterial generate() {
        try {
            return new KeyMaterial(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                    KeysetHandle.generateNew(HmacParameters.builder()
                            .setKeySizeBytes(32)
                            .setTagSizeBytes(32)
                            .setHashType(HmacParameters.HashType.SHA256)
                            .setVariant(HmacParameters.Variant.NO_PREFIX)
                            .build()));
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
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(kek);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (Integer.toUnsignedLong(kek.getAt(i).getId()) == keyId) {
                    builder.deleteAt(i);
                }
            }
            return new KeyMaterial(builder.build(), hmac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not remove the KEK key", e);
        }
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

    /** The raw HMAC tag (without any Tink output prefix) of the input. */
    byte[] hmac(byte[] input) {
        try {
            byte[] output = mac.computeMac(input);
            return Arrays.copyOfRange(output, macPrefixLength, output.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    @Override
    public String toString() {
        return "KeyMaterial[kekKeys=" + kek.size() + ", kekPrimary=" + kekPrimaryKeyId() + ", secrets withheld]";
    }
}
