package se.caseflow.secrets;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.SubjectErasedException;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.UnwrapRefusedException;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.secrets.SubjectKeyRepository.StoredSubjectKey;
import se.caseflow.secrets.UnwrapAudit.Outcome;

/** The secrets store: wraps under per-subject keys, unwraps for trusted callers with an audit row, shreds. */
final class SecretsStore implements PersonalDataVault, PersonalDataUnwrapper, SubjectShredder {

    private static final Pattern PERSONAL_NUMBER = Pattern.compile("\\d{12}");
    private static final int SUBJECT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyMaterial keyMaterial;
    private final SubjectKeys subjectKeys;
    private final SubjectKeyRepository repository;
    private final UnwrapAudit audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SecretsStore(
            KeyMaterial keyMaterial,
            SubjectKeys subjectKeys,
            SubjectKeyRepository repository,
            UnwrapAudit audit,
            TransactionTemplate transaction,
            Clock clock) {
        this.keyMaterial = keyMaterial;
        this.subjectKeys = subjectKeys;
        this.repository = repository;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * The person's subject: random, found again through an HMAC of the personnummer in {@code
     * secrets_subject_lookup}, which erasure deletes. The row is looked for under every HMAC key, the primary first
     * (during a key rotation it may still be under the previous one), and a new row is written under the primary, with
     * the personnummer sealed under the subject's key, so that a rotation can derive it again (docs/adr/0040).
     */
    @Override
    public String subjectFor(String normalisedPersonalNumber) {
        requirePersonalNumber(normalisedPersonalNumber);
        Optional<SubjectKeyRepository.LookupRow> known = findLookup(normalisedPersonalNumber);
        SubjectKeyRepository.LookupRow row;
        if (known.isPresent()) {
            row = known.get();
        } else {
            long primary = keyMaterial.hmacPrimaryKeyId();
            String lookup = personLookup(primary, normalisedPersonalNumber);
            repository.insertLookupIfAbsent(lookup, randomSubject(), primary, null, clock.instant());
            row = repository.lookupRow(lookup).orElseThrow();
        }
        if (row.sealed() == null) {
            // only the row's winner gets a key: a subject that lost the race to another transaction stays unused
            repository.sealLookup(
                    row.index(), wrapToken(row.subject(), PersonalDataKind.PERSONAL_NUMBER, normalisedPersonalNumber));
        }
        return row.subject();
    }

    @Override
    public Optional<String> existingSubject(String normalisedPersonalNumber) {
        requirePersonalNumber(normalisedPersonalNumber);
        return findLookup(normalisedPersonalNumber).map(SubjectKeyRepository.LookupRow::subject);
    }

    private Optional<SubjectKeyRepository.LookupRow> findLookup(String normalisedPersonalNumber) {
        for (long keyId : keyMaterial.hmacKeyIds()) {
            Optional<SubjectKeyRepository.LookupRow> row =
                    repository.lookupRow(personLookup(keyId, normalisedPersonalNumber));
            if (row.isPresent()) {
                return row;
            }
        }
        return Optional.empty();
    }

    private static void requirePersonalNumber(String normalisedPersonalNumber) {
        if (normalisedPersonalNumber == null
                || !PERSONAL_NUMBER.matcher(normalisedPersonalNumber).matches()) {
            throw new IllegalArgumentException("a normalised personal number has exactly 12 digits");
        }
    }

    /** The look-up HMAC of a personnummer under one HMAC key. */
    String personLookup(long hmacKeyId, String normalisedPersonalNumber) {
        return HexFormat.of()
                .formatHex(keyMaterial.hmac(
                        hmacKeyId,
                        ("caseflow.secrets.subject-lookup.v2\0" + normalisedPersonalNumber)
                                .getBytes(StandardCharsets.UTF_8)));
    }

    private static String randomSubject() {
        byte[] id = new byte[SUBJECT_BYTES];
        RANDOM.nextBytes(id);
        return "s_" + HexFormat.of().formatHex(id);
    }

    SubjectKeyRepository repository() {
        return repository;
    }

    @Override
    public boolean isErased(String subject) {
        requireSubject(subject);
        return repository.find(subject).isEmpty()
                && !repository.shreddedKeyIds(subject).isEmpty();
    }

    @Override
    public String wrap(String subject, PersonalDataKind kind, String plaintext) {
        requireSubject(subject);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plaintext, "plaintext");
        String token = wrapToken(subject, kind, plaintext);
        if (kind == PersonalDataKind.PHONE_NUMBER) {
            recordPhone(subject, plaintext, token);
        }
        return token;
    }

    private String wrapToken(String subject, PersonalDataKind kind, String plaintext) {
        byte[] padded = PersonalDataToken.pad(plaintext);
        SubjectKeys.SubjectKey key = subjectKeys.forWrap(subject);
        try {
            byte[] ciphertext = key.aead().encrypt(padded, PersonalDataToken.associatedData(subject, kind));
            return new PersonalDataToken(subject, kind, ciphertext).format();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    @Override
    public void holdsPhoneNumber(String subject, String normalisedE164) {
        requireSubject(subject);
        Objects.requireNonNull(normalisedE164, "normalisedE164");
        recordPhone(subject, normalisedE164, wrapToken(subject, PersonalDataKind.PHONE_NUMBER, normalisedE164));
    }

    /** Records the number's blind index under the primary HMAC key, with {@code sealed} to derive it again. */
    private void recordPhone(String subject, String normalisedE164, String sealed) {
        long primary = keyMaterial.hmacPrimaryKeyId();
        // a key found in this node's cache may have been shredded since: then the subject is erased, and no HMAC of
        // the number may be written for it again
        if (!repository.insertPhoneIfKeyed(
                blindIndex(primary, PersonalDataKind.PHONE_NUMBER, normalisedE164), subject, primary, sealed)) {
            throw new SubjectErasedException(subject);
        }
    }

    @Override
    public String blindIndex(PersonalDataKind kind, String normalisedValue) {
        return blindIndex(keyMaterial.hmacPrimaryKeyId(), kind, normalisedValue);
    }

    @Override
    public List<String> blindIndexes(PersonalDataKind kind, String normalisedValue) {
        return keyMaterial.hmacKeyIds().stream()
                .map(keyId -> blindIndex(keyId, kind, normalisedValue))
                .toList();
    }

    /** The blind index of a normalised value under one HMAC key. */
    String blindIndex(long hmacKeyId, PersonalDataKind kind, String normalisedValue) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalisedValue, "normalisedValue");
        byte[] tag = keyMaterial.hmac(
                hmacKeyId,
                ("caseflow.secrets.blind-index.v1\0" + kind.name() + "\0" + normalisedValue)
                        .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(tag);
    }

    @Override
    public Unwrapped unwrap(String token, TrustedCaller caller, String purpose) {
        Objects.requireNonNull(caller, "caller");
        String why = purpose(purpose);
        PersonalDataToken parsed;
        try {
            parsed = PersonalDataToken.parse(token);
        } catch (InvalidPersonalDataTokenException e) {
            audit.record(caller, why, token, null, null, Outcome.INVALID);
            throw e;
        }
        if (!caller.mayUnwrap(parsed.kind())) {
            audit.record(caller, why, token, parsed.subject(), parsed.kind(), Outcome.REFUSED);
            throw new UnwrapRefusedException(caller, parsed.kind());
        }
        Unwrapped result;
        try {
            result = open(parsed);
        } catch (InvalidPersonalDataTokenException e) {
            audit.record(caller, why, token, parsed.subject(), parsed.kind(), Outcome.INVALID);
            throw e;
        }
        // Audited before the plaintext leaves: if the row cannot be written, nothing is revealed.
        audit.record(
                caller,
                why,
                token,
                parsed.subject(),
                parsed.kind(),
                result instanceof Unwrapped.Revealed ? Outcome.REVEALED : Outcome.ERASED);
        return result;
    }

    /** Opens a parsed token without any rights check or audit; only {@link #unwrap} and tests call it. */
    Unwrapped open(PersonalDataToken token) {
        Optional<SubjectKeys.SubjectKey> key = subjectKeys.find(token.subject());
        if (key.isPresent() && key.get().keyId() == token.keyId()) {
            Aead aead = key.get().aead();
            try {
                return new Unwrapped.Revealed(
                        PersonalDataToken.unpad(aead.decrypt(token.ciphertext(), token.associatedData())));
            } catch (GeneralSecurityException e) {
                throw new InvalidPersonalDataTokenException("personal data token failed authentication (altered?)");
            }
        }
        if (repository.isShredded(token.subject(), token.keyId())) {
            return new Unwrapped.Erased(token.subject());
        }
        throw new InvalidPersonalDataTokenException(
                key.isPresent()
                        ? "personal data token was not made with its subject's key (altered?)"
                        : "personal data token's subject has no key");
    }

    @Override
    public boolean shred(String subject) {
        requireSubject(subject);
        Boolean shredded = transaction.execute(status -> {
            // a person's unmatched inbound messages go with them; a message's own shred (routed to its case, or a
            // lost race to store it) takes nothing else: the same sender's other messages are not the person's erasure
            if (repository.lookupRowOf(subject).isPresent()) {
                for (String message : repository.messageSubjectsWithPhone(subject, phoneIndexes(subject))) {
                    shredKey(message);
                }
            }
            repository.deleteLookup(subject);
            return shredKey(subject);
        });
        return Boolean.TRUE.equals(shredded);
    }

    /**
     * The blind indexes of the subject's phone numbers: as stored, and (during a key rotation, when an unmatched
     * message's row may be under another key than the person's) under every HMAC key, from the sealed numbers.
     */
    private Set<String> phoneIndexes(String subject) {
        Set<String> indexes = new HashSet<>();
        for (SubjectKeyRepository.LookupRow row : repository.phoneRows(subject)) {
            indexes.add(row.index());
            if (row.sealed() != null
                    && open(PersonalDataToken.parse(row.sealed())) instanceof Unwrapped.Revealed phone) {
                indexes.addAll(blindIndexes(PersonalDataKind.PHONE_NUMBER, phone.plaintext()));
            }
        }
        return indexes;
    }

    /** Tombstones and deletes the subject's current key and forgets its phone numbers; false if it had no key. */
    private boolean shredKey(String subject) {
        subjectKeys.evict(subject);
        // locked before the phone rows go: a wrap recording a number for the subject holds the same lock
        Optional<StoredSubjectKey> current = repository.findForUpdate(subject);
        repository.deletePhones(subject);
        if (current.isEmpty()) {
            return false;
        }
        repository.tombstone(subject, current.get().keyId(), clock.instant());
        repository.delete(subject);
        return true;
    }

    private static void requireSubject(String subject) {
        if (!PersonalDataToken.isSubject(subject)) {
            throw new IllegalArgumentException("not a subject id from subjectFor");
        }
    }

    private static String purpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("an unwrap needs a purpose for the audit log");
        }
        String trimmed = purpose.strip();
        return trimmed.length() <= UnwrapAudit.MAX_PURPOSE_CHARS
                ? trimmed
                : trimmed.substring(0, UnwrapAudit.MAX_PURPOSE_CHARS);
    }
}
