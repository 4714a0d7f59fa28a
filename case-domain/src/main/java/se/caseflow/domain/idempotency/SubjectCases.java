package se.caseflow.domain.idempotency;

/**
 * Which cases hold a person's data, so that their erasure reaches the idempotency keys of those cases: a key's
 * fingerprint is a hash of its command as sent, in plaintext (a note, an SMS text), and every other field of such a
 * command is public in the events, so a guessed text could be confirmed against it for as long as the key is kept.
 */
public interface SubjectCases {

    /** Records, in the caller's transaction, that the case holds data of the subject. */
    void record(String caseId, String subject);

    /**
     * Deletes, in the caller's transaction, the idempotency keys (of every namespace) of every case recorded for the
     * subject, and those records.
     *
     * @return how many keys were deleted
     */
    int forgetKeys(String subject);
}
