package se.caseflow.secrets;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.secrets.SubjectKeyRepository.LookupRow;
import se.caseflow.secrets.SubjectKeyRepository.LookupTable;

/**
 * The {@link HmacKeyRotation} of the store: opens each row's sealed token inside the store (the plaintext never
 * leaves it) and writes the row's HMAC again under the primary key.
 */
final class LookupRederivationJob implements HmacKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(LookupRederivationJob.class);

    private final KeyMaterial keyMaterial;
    private final SecretsStore store;
    private final SubjectKeyRepository repository;
    private final TransactionTemplate batchTransaction;
    private final int batchSize;
    private final Clock clock;

    /** Each batch and each adoption commits in a transaction of its own, whatever the caller is in. */
    LookupRederivationJob(
            SecretsStore store, KeyMaterial keyMaterial, TransactionTemplate transactions, int batchSize, Clock clock) {
        this.store = store;
        this.keyMaterial = keyMaterial;
        this.batchSize = batchSize;
        this.clock = clock;
        this.repository = store.repository();
        this.batchTransaction = new TransactionTemplate(
                transactions.getTransactionManager(),
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
    }

    @Override
    public long primaryKeyId() {
        return keyMaterial.hmacPrimaryKeyId();
    }

    @Override
    public List<Long> keyIds() {
        return keyMaterial.hmacKeyIds();
    }

    @Override
    public Remaining remaining() {
        long[] counts = repository.notUnder(primaryKeyId());
        return new Remaining(counts[0], counts[1], counts[2]);
    }

    @Override
    public int adopt(String token) {
        PersonalDataToken parsed;
        try {
            parsed = PersonalDataToken.parse(token);
        } catch (InvalidPersonalDataTokenException notAToken) {
            return 0;
        }
        if (parsed.kind() != PersonalDataKind.PERSONAL_NUMBER && parsed.kind() != PersonalDataKind.PHONE_NUMBER) {
            return 0;
        }
        Integer changed = batchTransaction.execute(status -> {
            if (!(openQuietly(parsed) instanceof Unwrapped.Revealed revealed)) {
                return 0;
            }
            return parsed.kind() == PersonalDataKind.PERSONAL_NUMBER
                    ? adoptPersonalNumber(parsed.subject(), revealed.plaintext(), token)
                    : adoptPhone(parsed.subject(), revealed.plaintext(), token);
        });
        return changed == null ? 0 : changed;
    }

    private int adoptPersonalNumber(String subject, String personalNumber, String token) {
        Optional<LookupRow> own = repository.lookupRowOf(subject);
        if (own.isPresent()) {
            LookupRow row = own.get();
            return row.sealed() == null
                            && derivedFrom(row, personalNumber, this::personLookup)
                            && repository.sealLookup(row.index(), token)
                    ? 1
                    : 0;
        }
        if (store.existingSubject(personalNumber).isPresent()) {
            return 0; // the person has a subject of their own already
        }
        // a subject of an earlier version, found by no look-up row: its person can be found (and erased) again
        long primary = primaryKeyId();
        repository.insertLookupIfAbsent(
                personLookup(primary, personalNumber), subject, primary, token, clock.instant());
        return 1;
    }

    private int adoptPhone(String subject, String phone, String token) {
        int changed = 0;
        for (LookupRow row : repository.phoneRows(subject)) {
            if (row.sealed() == null
                    && derivedFrom(
                            row, phone, (keyId, value) -> store.blindIndex(keyId, PersonalDataKind.PHONE_NUMBER, value))
                    && repository.sealPhone(row.index(), subject, token)) {
                changed++;
            }
        }
        return changed;
    }

    private interface Derivation {
        String under(long keyId, String value);
    }

    /** Whether the row's index is the value's HMAC under the row's key (any key, for a row from before V42). */
    private boolean derivedFrom(LookupRow row, String value, Derivation derivation) {
        List<Long> candidates =
                row.hmacKeyId() == null || !keyIds().contains(row.hmacKeyId()) ? keyIds() : List.of(row.hmacKeyId());
        return candidates.stream()
                .anyMatch(keyId -> derivation.under(keyId, value).equals(row.index()));
    }

    private String personLookup(long keyId, String personalNumber) {
        return store.personLookup(keyId, personalNumber);
    }

    @Override
    public int rederiveAll() {
        long primary = primaryKeyId();
        int moved = rederive(LookupTable.PERSON, primary) + rederive(LookupTable.PHONE, primary);
        log.info("caseflow.secrets: derived {} look-up rows again under HMAC key {}", moved, primary);
        return moved;
    }

    private record BatchResult(int moved, String lastIndex) {}

    private int rederive(LookupTable table, long primary) {
        int total = 0;
        String after = "";
        while (true) {
            String from = after;
            BatchResult batch = batchTransaction.execute(status -> rederiveBatch(table, primary, from));
            if (batch == null || batch.lastIndex() == null) {
                return total;
            }
            total += batch.moved();
            after = batch.lastIndex();
        }
    }

    private BatchResult rederiveBatch(LookupTable table, long primary, String after) {
        List<LookupRow> batch = repository.sealedNotUnder(table, primary, after, batchSize);
        int moved = 0;
        for (LookupRow row : batch) {
            PersonalDataToken sealed = PersonalDataToken.parse(row.sealed());
            if (!sealed.subject().equals(row.subject())) {
                throw new IllegalStateException("the sealed value of a look-up row of subject " + row.subject()
                        + " belongs to another subject (altered?)");
            }
            Unwrapped opened = store.open(sealed);
            if (!(opened instanceof Unwrapped.Revealed revealed)) {
                // its subject was erased in the meantime: nothing may keep pointing at it
                repository.deleteRow(table, row);
                continue;
            }
            String index = table == LookupTable.PERSON
                    ? personLookup(primary, revealed.plaintext())
                    : store.blindIndex(primary, PersonalDataKind.PHONE_NUMBER, revealed.plaintext());
            if (repository.rederive(table, row, index, primary)) {
                moved++;
            } else {
                throw new IllegalStateException("a personnummer has two subjects (" + row.subject() + " under HMAC key "
                        + row.hmacKeyId() + ", another under key " + primary + "): a node wrote a look-up row"
                        + " without knowing the other key; see docs/ops.md#rotating-the-keys");
            }
        }
        return new BatchResult(
                moved, batch.isEmpty() ? null : batch.get(batch.size() - 1).index());
    }

    private Unwrapped openQuietly(PersonalDataToken token) {
        try {
            return store.open(token);
        } catch (InvalidPersonalDataTokenException e) {
            return new Unwrapped.Erased(token.subject());
        }
    }
}
