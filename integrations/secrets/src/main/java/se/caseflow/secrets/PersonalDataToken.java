package se.caseflow.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import se.caseflow.domain.personal.PersonalDataKind;

/**
 * A wrapped value: {@code pd1.<subject>.<kind>.<base64url(ciphertext)>}.
 *
 * <p>The ciphertext is Tink AEAD output (a 5-byte prefix with the subject key's id, then AES-256-GCM nonce,
 * ciphertext and tag) over the padded plaintext, with the version, subject and kind as associated data: editing
 * any part of the token makes it fail to open. The kind is visible so that unwrap rights are checked before any
 * decryption; padding to {@link #BUCKET_BYTES}-byte buckets hides the plaintext's exact length.
 */
record PersonalDataToken(String subject, PersonalDataKind kind, byte[] ciphertext) {

    static final String VERSION = "pd1";
    static final int BUCKET_BYTES = 32;
    /** A note of 4,000 characters, each up to 4 bytes in UTF-8. */
    static final int MAX_PLAINTEXT_BYTES = 16_384;

    private static final int MAX_TOKEN_CHARS = 24_000;
    private static final byte TINK_PREFIX_START = 0x01;
    private static final int TINK_PREFIX_BYTES = 5;
    private static final Pattern SUBJECT = Pattern.compile("s_[0-9a-f]{32}");
    private static final Map<String, PersonalDataKind> KINDS_BY_CODE = new HashMap<>();

    static {
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            KINDS_BY_CODE.put(code(kind), kind);
        }
    }

    static String code(PersonalDataKind kind) {
        return switch (kind) {
            case PERSONAL_NUMBER -> "pnr";
            case NAME -> "name";
            case PHONE_NUMBER -> "phone";
            case EMAIL -> "email";
            case ADDRESS -> "addr";
            case INBOUND_SMS -> "sms";
            case FREE_TEXT -> "text";
        };
    }

    static boolean isSubject(String subject) {
        return subject != null && SUBJECT.matcher(subject).matches();
    }

    static PersonalDataToken parse(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidPersonalDataTokenException("personal data token is missing");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidPersonalDataTokenException("personal data token is too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new InvalidPersonalDataTokenException("not a " + VERSION + " personal data token");
        }
        if (!isSubject(parts[1])) {
            throw new InvalidPersonalDataTokenException("personal data token has a malformed subject");
        }
        PersonalDataKind kind = KINDS_BY_CODE.get(parts[2]);
        if (kind == null) {
            throw new InvalidPersonalDataTokenException("personal data token has an unknown kind");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidPersonalDataTokenException("personal data token has a malformed ciphertext");
        }
        if (ciphertext.length <= TINK_PREFIX_BYTES || ciphertext[0] != TINK_PREFIX_START) {
            throw new InvalidPersonalDataTokenException("personal data token has a malformed ciphertext");
        }
        return new PersonalDataToken(parts[1], kind, ciphertext);
    }

    String format() {
        return VERSION + "." + subject + "." + code(kind) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
    }

    /** The Tink id of the key the ciphertext was made with, as an unsigned number. */
    long keyId() {
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }

    static byte[] associatedData(String subject, PersonalDataKind kind) {
        return (VERSION + "\0" + subject + "\0" + kind.name()).getBytes(StandardCharsets.UTF_8);
    }

    byte[] associatedData() {
        return associatedData(subject, kind);
    }

    /** ISO/IEC 7816-4 padding (0x80, then zeros) up to the next multiple of the bucket size. */
    static byte[] pad(String plaintext) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("personal data longer than " + MAX_PLAINTEXT_BYTES + " bytes");
        }
        int length = (bytes.length / BUCKET_BYTES + 1) * BUCKET_BYTES;
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        padded[bytes.length] = (byte) 0x80;
        return padded;
    }

    static String unpad(byte[] padded) {
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != (byte) 0x80) {
            throw new InvalidPersonalDataTokenException("personal data token has invalid padding");
        }
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PersonalDataToken[" + subject + ", " + kind + "]";
    }
}
