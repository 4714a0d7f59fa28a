package se.caseflow.secrets;

/**
 * Re-encrypts every subject key that is not under the current primary KEK key, in batches of
 * {@code caseflow.secrets.rewrap-batch-size}, one transaction per batch. After it returns, the KEK keys that are no
 * longer primary can be removed from the key material (subject keys written concurrently by an older node aside).
 */
public interface KeyRewrapJob {

    /** @return how many subject keys were re-encrypted */
    int rewrapAll();

    /** How many subject keys are not under the primary KEK key (yet). */
    long remainingSubjectKeys();

    /** The Tink id of the primary KEK key. */
    long primaryKekKeyId();
}
