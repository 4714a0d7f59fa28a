package se.caseflow.domain.personal;

/**
 * Port to the secrets store for the write side: wraps personal data before it enters an event.
 *
 * <p>All data of one person is wrapped under that person's own key (the subject), so that shredding
 * the subject's key erases the person from every event at once.
 */
public interface PersonalDataVault {

    /** The opaque, stable subject id of the person with this normalised 12-digit personal number. */
    String subjectFor(String normalisedPersonalNumber);

    /** Wraps plaintext under the subject's current key into an opaque, versioned token. */
    String wrap(String subject, PersonalDataKind kind, String plaintext);

    /**
     * True once the subject was erased (its key shredded, no new one made since): nothing more is wrapped for them,
     * since a new key would make what is wrapped under it readable again under the erased person's subject.
     */
    boolean isErased(String subject);

    /**
     * Keyed HMAC of a normalised value, separated per kind, under the current HMAC key: equal inputs give equal
     * indexes. Write every new index with this one.
     */
    String blindIndex(PersonalDataKind kind, String normalisedValue);

    /**
     * The value's blind index under every HMAC key the store holds, the current one first: during a key rotation an
     * index written earlier may still be under the previous key, so a look-up tries each in turn.
     */
    default java.util.List<String> blindIndexes(PersonalDataKind kind, String normalisedValue) {
        return java.util.List.of(blindIndex(kind, normalisedValue));
    }
}
