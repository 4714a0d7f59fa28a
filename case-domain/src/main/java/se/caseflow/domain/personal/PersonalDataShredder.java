package se.caseflow.domain.personal;

/** Port to the secrets store for the erasure: destroys a subject's key, in the caller's transaction. */
public interface PersonalDataShredder {

    /**
     * Shreds the subject's current key and the look-up that leads to it, joining the surrounding transaction.
     *
     * @return true if key material was deleted, false if the subject had none (never seen, or erased before)
     */
    boolean shred(String subject);
}
