package se.caseflow.secrets;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.secrets.SubjectKeyRepository.StoredSubjectKey;

/** Moves subject keys to the primary KEK key; the subject keys themselves (and so every token) stay the same. */
final class SubjectKeyRewrapJob implements KeyRewrapJob {

    private static final Logger log = LoggerFactory.getLogger(SubjectKeyRewrapJob.class);

    private final KeyMaterial keyMaterial;
    private final SubjectKeyRepository repository;
    private final TransactionTemplate batchTransaction;
    private final int batchSize;
    private final Clock clock;

    SubjectKeyRewrapJob(
            KeyMaterial keyMaterial,
            SubjectKeyRepository repository,
            TransactionTemplate transactionTemplate,
            int batchSize,
            Clock clock) {
        this.keyMaterial = keyMaterial;
        this.repository = repository;
        this.batchTransaction = new TransactionTemplate(transactionTemplate.getTransactionManager());
        this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    @Override
    public int rewrapAll() {
        long primary = keyMaterial.kekPrimaryKeyId();
        int total = 0;
        String after = "";
        while (true) {
            String from = after;
            BatchResult batch = batchTransaction.execute(status -> rewrapBatch(primary, from));
            if (batch == null || batch.lastSubject() == null) {
                break;
            }
            total += batch.rewrapped();
            after = batch.lastSubject();
        }
        log.info("caseflow.secrets: re-encrypted {} subject keys under KEK key {}", total, primary);
        return total;
    }

    @Override
    public long remainingSubjectKeys() {
        return repository.countNotUnderKek(keyMaterial.kekPrimaryKeyId());
    }

    @Override
    public long primaryKekKeyId() {
        return keyMaterial.kekPrimaryKeyId();
    }

    private record BatchResult(int rewrapped, String lastSubject) {}

    private BatchResult rewrapBatch(long primary, String after) {
        List<StoredSubjectKey> batch = repository.findNotUnderKek(primary, after, batchSize);
        int rewrapped = 0;
        for (StoredSubjectKey stored : batch) {
            byte[] reencrypted;
            try {
                reencrypted = keyMaterial.encryptSubjectKeyset(
                        keyMaterial.decryptSubjectKeyset(stored.keyset(), stored.subject()), stored.subject());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        "cannot re-encrypt the key of subject " + stored.subject() + " (KEK key " + stored.kekKeyId()
                                + " missing from the key material?)",
                        e);
            }
            if (repository.rewrap(stored, primary, reencrypted, clock.instant())) {
                rewrapped++;
            }
        }
        return new BatchResult(
                rewrapped, batch.isEmpty() ? null : batch.get(batch.size() - 1).subject());
    }
}
