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

    /** Keyed HMAC of a normalised value, separated per kind: equal inputs give equal indexes. */
    String blindIndex(PersonalDataKind kind, String normalisedValue);
}
