package se.caseflow.secrets;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
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
     * secrets_subject_lookup}, which erasure deletes. A person whose key was made before subjects were random keeps
     * their old, HMAC-derived subject (docs/privacy.md).
     */
    @Override
    public String subjectFor(String normalisedPersonalNumber) {
        String lookup = lookup(normalisedPersonalNumber);
        Optional<String> known = repository.subjectByLookup(lookup);
        if (known.isPresent()) {
            return known.get();
        }
        String legacy = legacySubject(normalisedPersonalNumber);
        String subject = repository.find(legacy).isPresent() ? legacy : randomSubject();
        repository.insertLookupIfAbsent(lookup, subject, clock.instant());
        return repository.subjectByLookup(lookup).orElseThrow();
    }

    @Override
    public Optional<String> existingSubject(String normalisedPersonalNumber) {
        return repository.subjectByLookup(lookup(normalisedPersonalNumber));
    }

    private String lookup(String normalisedPersonalNumber) {
        if (normalisedPersonalNumber == null
                || !PERSONAL_NUMBER.matcher(normalisedPersonalNumber).matches()) {
            throw new IllegalArgumentException("a normalised personal number has exactly 12 digits");
        }
        return HexFormat.of()
                .formatHex(keyMaterial.hmac(("caseflow.secrets.subject-lookup.v2\0" + normalisedPersonalNumber)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private String legacySubject(String normalisedPersonalNumber) {
        byte[] tag = keyMaterial.hmac(
                ("caseflow.secrets.subject.v1\0" + normalisedPersonalNumber).getBytes(StandardCharsets.UTF_8));
        return "s_" + HexFormat.of().formatHex(tag, 0, SUBJECT_BYTES);
    }

    private static String randomSubject() {
        byte[] id = new byte[SUBJECT_BYTES];
        RANDOM.nextBytes(id);
        return "s_" + HexFormat.of().formatHex(id);
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
        byte[] padded = PersonalDataToken.pad(plaintext);
        SubjectKeys.SubjectKey key = subjectKeys.forWrap(subject);
        if (kind == PersonalDataKind.PHONE_NUMBER) {
            holdsPhoneNumber(subject, plaintext);
        }
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
        // a key found in this node's cache may have been shredded since: then the subject is erased, and no HMAC of
        // the number may be written for it again
        if (!repository.insertPhoneIfKeyed(blindIndex(PersonalDataKind.PHONE_NUMBER, normalisedE164), subject)) {
            throw new SubjectErasedException(subject);
        }
    }

    @Override
    public String blindIndex(PersonalDataKind kind, String normalisedValue) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalisedValue, "normalisedValue");
        byte[] tag = keyMaterial.hmac(("caseflow.secrets.blind-index.v1\0" + kind.name() + "\0" + normalisedValue)
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
            // unmatched inbound messages from the person's numbers go with them
            for (String message : repository.messageSubjectsSharingPhone(subject)) {
                shredKey(message);
            }
            repository.deleteLookup(subject);
            return shredKey(subject);
        });
        return Boolean.TRUE.equals(shredded);
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
