package se.caseflow.domain.gate;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.caseflow.domain.idempotency.IdempotencyStore;

/**
 * Idempotency keys in memory, for the domain's tests. A key counts once its answer is recorded, as in the table,
 * where the claim of a refused command rolls back with its transaction.
 */
final class MemoryIdempotencyStore implements IdempotencyStore {

    private final Map<String, PreviousUse> completed = new ConcurrentHashMap<>();
    private final Map<String, String> claimed = new ConcurrentHashMap<>();

    @Override
    public Optional<PreviousUse> claim(
            String namespace, String key, String fingerprint, Instant now, Instant expiresAt) {
        String id = namespace + "\u0000" + key;
        PreviousUse previous = completed.get(id);
        if (previous != null) {
            return Optional.of(previous);
        }
        claimed.put(id, fingerprint);
        return Optional.empty();
    }

    @Override
    public void complete(String namespace, String key, String caseId, String outcome) {
        String id = namespace + "\u0000" + key;
        completed.put(id, new PreviousUse(claimed.remove(id), outcome));
    }

    @Override
    public int purgeExpired(Instant now) {
        return 0;
    }
}
