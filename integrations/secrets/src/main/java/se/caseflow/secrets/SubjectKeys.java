package se.caseflow.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.caseflow.domain.personal.SubjectErasedException;
import se.caseflow.secrets.SubjectKeyRepository.StoredSubjectKey;

/** Finds, creates and forgets the per-subject data-encryption keys. */
final class SubjectKeys {

    /** A subject's decrypted key: its Tink key id and the AEAD primitive. */
    record SubjectKey(long keyId, Aead aead) {
        @Override
        public String toString() {
            return "SubjectKey[keyId=" + keyId + "]";
        }
    }

    private final KeyMaterial keyMaterial;
    private final SubjectKeyRepository repository;
    private final SubjectKeyCache cache;
    private final Clock clock;
    /** Binds this instance's per-transaction key map to the current Spring transaction. */
    private final Object transactionResource = new Object();

    SubjectKeys(KeyMaterial keyMaterial, SubjectKeyRepository repository, SubjectKeyCache cache, Clock clock) {
        this.keyMaterial = keyMaterial;
        this.repository = repository;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The subject's key, created if it has none (first wrap).
     *
     * @throws SubjectErasedException when the subject's key was shredded: an erased subject gets no new key
     */
    SubjectKey forWrap(String subject) {
        return find(subject).orElseGet(() -> create(subject));
    }

    /** The subject's current key, if it has one. */
    Optional<SubjectKey> find(String subject) {
        SubjectKey cached = cache.get(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        SubjectKey inThisTransaction = transactionKeys().get(subject);
        if (inThisTransaction != null) {
            return Optional.of(inThisTransaction);
        }
        long stamp = cache.stamp();
        return repository.find(subject).map(stored -> open(stored, stamp));
    }

    private SubjectKey create(String subject) {
        long stamp = cache.stamp();
        Set<Long> shredded = repository.shreddedKeyIds(subject);
        if (!shredded.isEmpty()) {
            throw new SubjectErasedException(subject);
        }
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            long keyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
            boolean inserted = repository.insertIfAbsent(
                    new StoredSubjectKey(
                            subject,
                            keyId,
                            keyMaterial.kekPrimaryKeyId(),
                            keyMaterial.encryptSubjectKeyset(keyset, subject)),
                    clock.instant());
            if (inserted) {
                SubjectKey key = new SubjectKey(keyId, keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
                remember(subject, key, stamp);
                return key;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a subject key", e);
        }
        // Read back: if another transaction won the race, its key is the one to use.
        return repository
                .find(subject)
                .map(stored -> open(stored, stamp))
                .orElseThrow(() -> new IllegalStateException("subject key vanished right after it was stored"));
    }

    private SubjectKey open(StoredSubjectKey stored, long stamp) {
        SubjectKey key;
        try {
            Aead aead = keyMaterial
                    .decryptSubjectKeyset(stored.keyset(), stored.subject())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            key = new SubjectKey(stored.keyId(), aead);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot decrypt the key of subject " + stored.subject() + " (KEK key " + stored.kekKeyId()
                            + " missing from the key material, or the row was altered)",
                    e);
        }
        remember(stored.subject(), key, stamp);
        return key;
    }

    /** Later wraps in this transaction reuse the key; other transactions see it once it is committed. */
    private void remember(String subject, SubjectKey key, long stamp) {
        transactionKeys().put(subject, key);
        cacheAfterCommit(subject, key, stamp);
    }

    private Map<String, SubjectKey> transactionKeys() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, SubjectKey> keys =
                (Map<String, SubjectKey>) TransactionSynchronizationManager.getResource(transactionResource);
        if (keys == null) {
            Map<String, SubjectKey> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(transactionResource, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionResource);
                }
            });
            return fresh;
        }
        return keys;
    }

    /** A key read or written in a transaction that later rolls back must never reach the cache. */
    private void cacheAfterCommit(String subject, SubjectKey key, long stamp) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.put(subject, key, stamp);
                }
            });
        } else {
            cache.put(subject, key, stamp);
        }
    }

    /** Forgets the subject's cached key now and again after commit (a concurrent reader may re-cache it). */
    void evict(String subject) {
        cache.invalidate(subject);
        transactionKeys().remove(subject);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(subject);
                }
            });
        }
    }
}
