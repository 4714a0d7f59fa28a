package se.caseflow.domain.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Port to the idempotency-key table. Both calls run inside the transaction that appends the command's
 * events, so a key is claimed exactly when the events are stored, and never without them. Keys are per
 * namespace (each command gate has its own: staff, partner, internal): the same key in two namespaces is two
 * keys.
 */
public interface IdempotencyStore {

    /**
     * Claims {@code key} in {@code namespace} for a request with this fingerprint, or returns the earlier, still
     * unexpired use of the key there. A concurrent claim of the same key on another transaction waits for that
     * transaction.
     */
    Optional<PreviousUse> claim(String namespace, String key, String fingerprint, Instant now, Instant expiresAt);

    /**
     * Records the answer given to the request that claimed {@code key} in {@code namespace}, and the case it was
     * accepted for (so that erasing the case's person deletes the key, see {@link SubjectCases}).
     */
    void complete(String namespace, String key, String caseId, String outcome);

    /** Deletes keys whose retention has passed, in every namespace; returns how many. */
    int purgeExpired(Instant now);

    /** An earlier request with the same key: its payload fingerprint and the answer it got. */
    record PreviousUse(String fingerprint, String outcome) {}
}
