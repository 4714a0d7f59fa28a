package se.caseflow.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.SubjectErasedException;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.UnwrapRefusedException;
import se.caseflow.domain.personal.Unwrapped;

/** The behaviour of the secrets store, run against each database it supports. */
abstract class SecretsStoreContract {

    static final String PERSONAL_NUMBER = "198112189876";
    static final String OTHER_PERSONAL_NUMBER = "199001011239";
    static final Map<PersonalDataKind, String> SAMPLES = new EnumMap<>(Map.of(
            PersonalDataKind.PERSONAL_NUMBER, PERSONAL_NUMBER,
            PersonalDataKind.NAME, "Åsa Öberg-Lindqvist",
            PersonalDataKind.PHONE_NUMBER, "+46701234512",
            PersonalDataKind.EMAIL, "asa.oberg@example.se",
            PersonalDataKind.ADDRESS, "Storgatan 1, 111 22 Stockholm",
            PersonalDataKind.INBOUND_SMS, "{\"from\":\"+46701740605\",\"body\":\"Tack, jag skickar den i morgon\"}",
            PersonalDataKind.FREE_TEXT, "Ringde om lånet, vill ha svar före fredag"));

    DataSource dataSource;
    JdbcTemplate jdbc;
    KeyMaterial keys;
    SecretsStore store;

    abstract DataSource openDatabase();

    abstract void closeDatabase();

    abstract String migrations();

    @BeforeEach
    void setUp() {
        dataSource = openDatabase();
        Flyway.configure().dataSource(dataSource).locations(migrations()).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        keys = KeyMaterial.generate();
        store = TestStores.store(dataSource, keys);
    }

    @AfterEach
    void tearDown() {
        closeDatabase();
    }

    static List<TrustedCaller> callersFor(PersonalDataKind kind) {
        return Arrays.stream(TrustedCaller.values())
                .filter(caller -> caller.mayUnwrap(kind))
                .toList();
    }

    static TrustedCaller callerFor(PersonalDataKind kind) {
        return callersFor(kind).get(0);
    }

    @Test
    void wrapsAndUnwrapsEveryKind() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            String plaintext = SAMPLES.get(kind);
            String token = store.wrap(subject, kind, plaintext);

            assertThat(token)
                    .startsWith("pd1." + subject + "." + PersonalDataToken.code(kind) + ".")
                    .doesNotContain(plaintext);
            for (TrustedCaller caller : callersFor(kind)) {
                assertThat(store.unwrap(token, caller, "test round trip")).isEqualTo(new Unwrapped.Revealed(plaintext));
            }
            // EMAIL and ADDRESS have no trusted caller yet: the ciphertext must still open.
            assertThat(store.open(PersonalDataToken.parse(token))).isEqualTo(new Unwrapped.Revealed(plaintext));
        }
        for (String plaintext :
                List.of("", "x", "ÅÄÖ åäö \uD83D\uDE00", "a".repeat(PersonalDataToken.MAX_PLAINTEXT_BYTES))) {
            String token = store.wrap(subject, PersonalDataKind.NAME, plaintext);
            assertThat(store.unwrap(token, TrustedCaller.STAFF_PROJECTION, "edge cases"))
                    .isEqualTo(new Unwrapped.Revealed(plaintext));
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_subject_key", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void sameplaintextGivesDifferentTokensButEqualBlindIndexes() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        String phone = SAMPLES.get(PersonalDataKind.PHONE_NUMBER);

        String first = store.wrap(subject, PersonalDataKind.PHONE_NUMBER, phone);
        String second = store.wrap(subject, PersonalDataKind.PHONE_NUMBER, phone);

        assertThat(first).isNotEqualTo(second);
        assertThat(store.blindIndex(PersonalDataKind.PHONE_NUMBER, phone))
                .isEqualTo(store.blindIndex(PersonalDataKind.PHONE_NUMBER, phone))
                .matches("[0-9a-f]{64}")
                .doesNotContain(phone.substring(1));
        assertThat(TestStores.store(dataSource, keys).blindIndex(PersonalDataKind.PHONE_NUMBER, phone))
                .isEqualTo(store.blindIndex(PersonalDataKind.PHONE_NUMBER, phone));
    }

    @Test
    void blindIndexDiffersPerKindAndPerValue() {
        Set<String> indexes = new HashSet<>();
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            indexes.add(store.blindIndex(kind, "same value"));
        }
        assertThat(indexes).hasSize(PersonalDataKind.values().length);
        assertThat(store.blindIndex(PersonalDataKind.NAME, "Anna"))
                .isNotEqualTo(store.blindIndex(PersonalDataKind.NAME, "Anne"));
        assertThat(TestStores.store(dataSource, KeyMaterial.generate()).blindIndex(PersonalDataKind.NAME, "Anna"))
                .as("a different HMAC key gives a different index")
                .isNotEqualTo(store.blindIndex(PersonalDataKind.NAME, "Anna"));
    }

    @Test
    void subjectIsStableOpaqueAndPerPerson() {
        String subject = store.subjectFor(PERSONAL_NUMBER);

        assertThat(subject).matches("s_[0-9a-f]{32}").doesNotContain(PERSONAL_NUMBER.substring(2));
        assertThat(store.subjectFor(PERSONAL_NUMBER)).isEqualTo(subject);
        assertThat(TestStores.store(dataSource, keys).subjectFor(PERSONAL_NUMBER))
                .isEqualTo(subject);
        assertThat(store.subjectFor(OTHER_PERSONAL_NUMBER)).isNotEqualTo(subject);
        assertThat(subject.substring(2))
                .as("the subject is not the blind index of the personal number")
                .isNotEqualTo(store.blindIndex(PersonalDataKind.PERSONAL_NUMBER, PERSONAL_NUMBER)
                        .substring(0, 32));
        assertThatThrownBy(() -> store.subjectFor("8112189876"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("8112189876");
        assertThatThrownBy(() -> store.wrap("s_nope", PersonalDataKind.NAME, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenLengthRevealsOnlyAKindAgnosticBucket() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        int shortOne = ciphertextLength(store.wrap(subject, PersonalDataKind.NAME, "A"));
        int longer = ciphertextLength(store.wrap(subject, PersonalDataKind.PHONE_NUMBER, "B".repeat(31)));
        int nextBucket = ciphertextLength(store.wrap(subject, PersonalDataKind.ADDRESS, "C".repeat(32)));

        assertThat(shortOne).isEqualTo(longer);
        assertThat(nextBucket).isEqualTo(shortOne + PersonalDataToken.BUCKET_BYTES);
    }

    private static int ciphertextLength(String token) {
        return PersonalDataToken.parse(token).ciphertext().length;
    }

    @Test
    void refusedCallerGetsAnExceptionAndTheRefusalIsAudited() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        String token = store.wrap(subject, PersonalDataKind.NAME, SAMPLES.get(PersonalDataKind.NAME));

        assertThatThrownBy(() -> store.unwrap(token, TrustedCaller.SMS_SENDER, "curious"))
                .isInstanceOf(UnwrapRefusedException.class)
                .hasMessageContaining("SMS_SENDER")
                .hasMessageContaining("NAME");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM secrets_unwrap_audit");
        assertThat(row)
                .containsEntry("caller", "SMS_SENDER")
                .containsEntry("purpose", "curious")
                .containsEntry("subject", subject)
                .containsEntry("kind", "NAME")
                .containsEntry("token_sha256", UnwrapAudit.sha256(token))
                .containsEntry("outcome", "REFUSED");
        assertThat(row.get("occurred_at")).isNotNull();
    }

    @Test
    void everyUnwrapIsAuditedAndTheAuditHoldsNoPlaintext() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        List<String> tokens = new ArrayList<>();
        int unwraps = 0;
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            String token = store.wrap(subject, kind, SAMPLES.get(kind));
            tokens.add(token);
            for (TrustedCaller caller : TrustedCaller.values()) {
                try {
                    store.unwrap(token, caller, "audit test " + caller);
                } catch (UnwrapRefusedException expected) {
                    // audited as REFUSED
                }
                unwraps++;
            }
        }
        store.shred(subject);
        store.unwrap(tokens.get(PersonalDataKind.NAME.ordinal()), TrustedCaller.STAFF_PROJECTION, "after erasure");
        unwraps++;

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM secrets_unwrap_audit ORDER BY id");
        assertThat(rows).hasSize(unwraps);
        assertThat(rows).extracting(row -> row.get("outcome")).containsOnly("REVEALED", "REFUSED", "ERASED");
        long granted = java.util.Arrays.stream(PersonalDataKind.values())
                .mapToLong(kind -> java.util.Arrays.stream(TrustedCaller.values())
                        .filter(caller -> caller.mayUnwrap(kind))
                        .count())
                .sum();
        assertThat(rows.stream().filter(row -> row.get("outcome").equals("REVEALED")))
                .hasSize((int) granted);
        assertThat(rows.stream().filter(row -> row.get("outcome").equals("REFUSED")))
                .hasSize(unwraps - 1 - (int) granted);
        assertThat(rows.stream().filter(row -> row.get("outcome").equals("ERASED")))
                .hasSize(1);
        String everything = rows.toString() + allText("secrets_subject_key") + allText("secrets_subject_tombstone");
        for (String plaintext : SAMPLES.values()) {
            assertThat(everything).doesNotContain(plaintext);
        }
        assertThat(everything).doesNotContain("8112189876");
        for (String token : tokens) {
            assertThat(everything).doesNotContain(token);
        }
    }

    private String allText(String table) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
            for (Object value : row.values()) {
                text.append(
                                value instanceof byte[] bytes
                                        ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                        : value)
                        .append('|');
            }
        }
        return text.toString();
    }

    @Test
    void alteredTokensFailClearlyAndAreAudited() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        String otherSubject = store.subjectFor(OTHER_PERSONAL_NUMBER);
        String name = store.wrap(subject, PersonalDataKind.NAME, SAMPLES.get(PersonalDataKind.NAME));
        store.wrap(otherSubject, PersonalDataKind.NAME, "Other Person");

        String flipped = flipLastCiphertextChar(name);
        String kindSwapped = name.replace(".name.", ".phone.");
        String subjectSwapped = name.replace(subject, otherSubject);
        String unknownSubject = name.replace(subject, "s_" + "0".repeat(32));

        assertInvalid(flipped, TrustedCaller.STAFF_PROJECTION, "failed authentication");
        assertInvalid(kindSwapped, TrustedCaller.SMS_SENDER, "failed authentication");
        assertInvalid(subjectSwapped, TrustedCaller.STAFF_PROJECTION, "not made with its subject's key");
        assertInvalid(unknownSubject, TrustedCaller.STAFF_PROJECTION, "subject has no key");
        assertInvalid("pd1.garbage", TrustedCaller.STAFF_PROJECTION, "not a pd1");
        assertInvalid(null, TrustedCaller.STAFF_PROJECTION, "missing");

        assertThat(jdbc.queryForList("SELECT outcome FROM secrets_unwrap_audit", String.class))
                .hasSize(6)
                .containsOnly("INVALID");
        assertThat(store.unwrap(name, TrustedCaller.STAFF_PROJECTION, "the original still opens"))
                .isEqualTo(new Unwrapped.Revealed(SAMPLES.get(PersonalDataKind.NAME)));
    }

    private void assertInvalid(String token, TrustedCaller caller, String message) {
        assertThatThrownBy(() -> store.unwrap(token, caller, "tamper test"))
                .isInstanceOf(InvalidPersonalDataTokenException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining(SAMPLES.get(PersonalDataKind.NAME))
                .hasMessageNotContaining(token == null ? "\u0000" : token);
    }

    private static String flipLastCiphertextChar(String token) {
        int at = token.length() - 10;
        char other = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + other + token.substring(at + 1);
    }

    /**
     * The walk the issue describes: the last four digits of a known birth date leave 1,000 candidates (the
     * check digit follows from the other nine). After the shred, no HMAC any candidate makes under the key
     * caseflow keeps (lookup, HMAC-derived subject, blind index) appears in any secrets table, and the random
     * subject matches none of them.
     */
    @Test
    void subjectsAreRandomAndAfterAShredNoHmacOfThePersonIsLeftToWalk() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        store.wrap(subject, PersonalDataKind.NAME, "Åsa Öberg-Lindqvist");
        assertThat(store.existingSubject(PERSONAL_NUMBER)).contains(subject);
        assertThat(store.existingSubject(OTHER_PERSONAL_NUMBER)).isEmpty();
        assertThat(allText("secrets_subject_lookup")).contains(subject);

        assertThat(store.shred(subject)).isTrue();

        assertThat(store.existingSubject(PERSONAL_NUMBER)).isEmpty();
        String everything = allText("secrets_subject_key")
                + allText("secrets_subject_tombstone")
                + allText("secrets_subject_lookup")
                + allText("secrets_unwrap_audit");
        String birthDate = PERSONAL_NUMBER.substring(0, 8);
        int candidates = 0;
        for (int serial = 0; serial < 1000; serial++) {
            String nine = birthDate.substring(2) + String.format("%03d", serial);
            String candidate = birthDate + String.format("%03d", serial) + luhn(nine);
            candidates++;
            for (String hmac : List.of(
                    hex(keys.hmac(("caseflow.secrets.subject-lookup.v2\0" + candidate).getBytes(UTF_8))),
                    hex(keys.hmac(("caseflow.secrets.subject.v1\0" + candidate).getBytes(UTF_8)))
                            .substring(0, 32),
                    store.blindIndex(PersonalDataKind.PERSONAL_NUMBER, candidate))) {
                assertThat(everything).doesNotContain(hmac);
                assertThat(subject).doesNotContain(hmac);
            }
        }
        assertThat(candidates).isEqualTo(1000);
        assertThat(store.subjectFor(PERSONAL_NUMBER))
                .as("a new case later: a new subject")
                .isNotEqualTo(subject);
    }

    private static int luhn(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < nineDigits.length(); i++) {
            int value = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += value / 10 + value % 10;
        }
        return (10 - sum % 10) % 10;
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void shreddingErasesThatSubjectOnlyAndNothingNewIsWrappedUnderIt() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        String otherSubject = store.subjectFor(OTHER_PERSONAL_NUMBER);
        Map<PersonalDataKind, String> tokens = new EnumMap<>(PersonalDataKind.class);
        for (PersonalDataKind kind : PersonalDataKind.values()) {
            tokens.put(kind, store.wrap(subject, kind, SAMPLES.get(kind)));
        }
        String otherName = store.wrap(otherSubject, PersonalDataKind.NAME, "Other Person");
        long shreddedKeyId =
                PersonalDataToken.parse(tokens.get(PersonalDataKind.NAME)).keyId();

        assertThat(store.shred(subject)).isTrue();

        SecretsStore freshNode = TestStores.store(dataSource, keys);
        for (SecretsStore anyNode : List.of(store, freshNode)) {
            tokens.forEach((kind, token) -> {
                assertThat(anyNode.open(PersonalDataToken.parse(token))).isEqualTo(new Unwrapped.Erased(subject));
                for (TrustedCaller caller : callersFor(kind)) {
                    assertThat(anyNode.unwrap(token, caller, "after erasure")).isEqualTo(new Unwrapped.Erased(subject));
                }
            });
            assertThat(anyNode.unwrap(otherName, TrustedCaller.STAFF_PROJECTION, "other person"))
                    .isEqualTo(new Unwrapped.Revealed("Other Person"));
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM secrets_subject_key WHERE subject = ?", Integer.class, subject))
                .isZero();
        Map<String, Object> tombstone = jdbc.queryForMap("SELECT * FROM secrets_subject_tombstone");
        assertThat(tombstone).containsEntry("subject", subject).containsEntry("key_id", shreddedKeyId);
        assertThat(tombstone.get("shredded_at")).isNotNull();
        assertThat(store.shred(subject)).as("nothing left to shred").isFalse();

        // Nothing new is wrapped under the erased subject (a new key would be readable under their id); a new case
        // for the same person gets a new subject, since the look-up that led to this one is gone.
        assertThatThrownBy(() -> store.wrap(subject, PersonalDataKind.NAME, "New Name"))
                .isInstanceOf(SubjectErasedException.class)
                .extracting(e -> ((SubjectErasedException) e).code())
                .isEqualTo(SubjectErasedException.CODE);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM secrets_subject_key WHERE subject = ?", Integer.class, subject))
                .as("the refused wrap made no key")
                .isZero();
        String newSubject = store.subjectFor(PERSONAL_NUMBER);
        assertThat(newSubject).isNotEqualTo(subject);
        String newName = store.wrap(newSubject, PersonalDataKind.NAME, "New Name");
        assertThat(store.unwrap(newName, TrustedCaller.STAFF_PROJECTION, "new case"))
                .isEqualTo(new Unwrapped.Revealed("New Name"));
        assertThat(freshNode.unwrap(tokens.get(PersonalDataKind.NAME), TrustedCaller.STAFF_PROJECTION, "old case"))
                .isEqualTo(new Unwrapped.Erased(subject));
    }

    @Test
    void shreddingAPersonShredsTheUnmatchedMessagesFromTheirNumbersAndForgetsTheNumbers() {
        String person = store.subjectFor(PERSONAL_NUMBER);
        String samePhone = store.subjectFor(OTHER_PERSONAL_NUMBER);
        String fromThem = "s_" + "1".repeat(32);
        String fromElsewhere = "s_" + "2".repeat(32);
        store.wrap(person, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        store.wrap(samePhone, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        String message = store.wrap(fromThem, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        String text = store.wrap(fromThem, PersonalDataKind.FREE_TEXT, "Hej, det är jag");
        String other = store.wrap(fromElsewhere, PersonalDataKind.PHONE_NUMBER, "+46731234567");
        String otherPerson = store.wrap(samePhone, PersonalDataKind.NAME, "Same Phone");

        assertThat(store.shred(person)).isTrue();

        for (String token : List.of(message, text)) {
            assertThat(store.unwrap(token, TrustedCaller.STAFF_PROJECTION, "after erasure"))
                    .as("a message from the erased person's number")
                    .isEqualTo(new Unwrapped.Erased(fromThem));
        }
        assertThat(store.unwrap(other, TrustedCaller.STAFF_PROJECTION, "another number"))
                .isEqualTo(new Unwrapped.Revealed("+46731234567"));
        assertThat(store.unwrap(otherPerson, TrustedCaller.STAFF_PROJECTION, "another person, same number"))
                .as("a person is never erased for sharing a number")
                .isEqualTo(new Unwrapped.Revealed("Same Phone"));
        assertThat(jdbc.queryForList("SELECT subject FROM secrets_phone_subject", String.class))
                .as("no blind index of the erased person's number is left under their subjects")
                .containsExactlyInAnyOrder(samePhone, fromElsewhere);
    }

    /**
     * The HMAC key rotation of docs/adr/0040, as an operator runs it: a new key added and made primary, every node
     * restarted with it, the look-up rows derived again, the old key removed. Look-ups work at every step, and once the
     * old key is gone nothing it made is left: a backup's HMACs from before match no row.
     */
    @Test
    void lookupsWorkDuringAndAfterAnHmacRotationAndOnceTheOldKeyIsGoneItsHmacsMatchNoRow() {
        String person = store.subjectFor(PERSONAL_NUMBER);
        String phone = "+46701740605";
        String phoneToken = store.wrap(person, PersonalDataKind.PHONE_NUMBER, phone);
        String message = "s_" + "3".repeat(32);
        String messageText = store.wrap(message, PersonalDataKind.FREE_TEXT, "Hej");
        store.wrap(message, PersonalDataKind.PHONE_NUMBER, phone);
        long oldKey = keys.hmacPrimaryKeyId();
        String oldLookup = hex(keys.hmac(("caseflow.secrets.subject-lookup.v2\0" + PERSONAL_NUMBER).getBytes(UTF_8)));
        String oldPhoneIndex = store.blindIndex(PersonalDataKind.PHONE_NUMBER, phone);
        String backup = allText("secrets_subject_lookup") + allText("secrets_phone_subject");
        assertThat(backup).contains(oldLookup, oldPhoneIndex);

        KeyMaterial rotating = keys.withNewHmacKey(true);
        long newKey = rotating.hmacPrimaryKeyId();
        assertThat(rotating.hmacKeyIds()).containsExactly(newKey, oldKey);
        SecretsStore during = TestStores.store(dataSource, rotating);
        HmacKeyRotation rotation = TestStores.hmacKeyRotation(dataSource, rotating, 2);
        assertThat(during.existingSubject(PERSONAL_NUMBER))
                .as("found under the previous key")
                .contains(person);
        assertThat(during.subjectFor(PERSONAL_NUMBER)).isEqualTo(person);
        assertThat(during.blindIndexes(PersonalDataKind.PHONE_NUMBER, phone))
                .containsExactly(during.blindIndex(PersonalDataKind.PHONE_NUMBER, phone), oldPhoneIndex);
        String later = during.subjectFor(OTHER_PERSONAL_NUMBER);
        assertThat(rotation.remaining()).isEqualTo(new HmacKeyRotation.Remaining(1, 2, 0));

        assertThat(rotation.rederiveAll()).isEqualTo(3);
        assertThat(rotation.remaining().rows()).isZero();
        assertThat(rotation.rederiveAll())
                .as("a second run finds nothing to do")
                .isZero();

        KeyMaterial destroyed = rotating.withoutHmacKey(oldKey);
        assertThat(destroyed.hmacKeyIds()).containsExactly(newKey);
        SecretsStore after = TestStores.store(dataSource, destroyed);
        assertThat(after.existingSubject(PERSONAL_NUMBER)).contains(person);
        assertThat(after.subjectFor(PERSONAL_NUMBER)).isEqualTo(person);
        assertThat(after.subjectFor(OTHER_PERSONAL_NUMBER)).isEqualTo(later);
        assertThat(after.unwrap(phoneToken, TrustedCaller.SMS_SENDER, "after rotation"))
                .isEqualTo(new Unwrapped.Revealed(phone));
        String now = allText("secrets_subject_lookup") + allText("secrets_phone_subject");
        assertThat(now).as("no HMAC under the destroyed key").doesNotContain(oldLookup, oldPhoneIndex);
        assertThat(jdbc.queryForList(
                        "SELECT lookup FROM secrets_subject_lookup UNION ALL SELECT phone_index FROM secrets_phone_subject",
                        String.class))
                .as("what a backup from before holds matches nothing")
                .doesNotContain(oldLookup, oldPhoneIndex)
                .hasSize(4);
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT hmac_key_id FROM secrets_subject_lookup UNION SELECT DISTINCT hmac_key_id"
                                + " FROM secrets_phone_subject",
                        Long.class))
                .containsOnly(newKey);

        assertThat(after.shred(person)).isTrue();
        assertThat(after.unwrap(messageText, TrustedCaller.STAFF_PROJECTION, "gone"))
                .as("the unmatched message from the person's number went with them")
                .isEqualTo(new Unwrapped.Erased(message));
    }

    /**
     * In the middle of a rotation the person's number may be under the new key and an unmatched message's under the
     * old one (or the other way round): the shred still finds the message, from the person's sealed number.
     */
    @Test
    void duringARotationTheShredFindsUnmatchedMessagesUnderTheOtherKey() {
        String message = "s_" + "4".repeat(32);
        String messageToken = store.wrap(message, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        KeyMaterial rotating = keys.withNewHmacKey(true);
        SecretsStore during = TestStores.store(dataSource, rotating);
        String person = during.subjectFor(PERSONAL_NUMBER);
        during.wrap(person, PersonalDataKind.PHONE_NUMBER, "+46701740605");

        assertThat(during.shred(person)).isTrue();

        assertThat(during.unwrap(messageToken, TrustedCaller.STAFF_PROJECTION, "after erasure"))
                .isEqualTo(new Unwrapped.Erased(message));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_phone_subject", Integer.class))
                .isZero();
    }

    /**
     * Rows written before V42 carry no key id and no sealed value, and a person of an earlier version may have no
     * look-up row at all: the tokens of their events give the rows their values (and the person a row), after which
     * the rotation derives them again like any other.
     */
    @Test
    void rowsFromBeforeVersionedKeysAreAdoptedFromTheirTokensAndThenDerivedAgain() {
        String person = "s_" + "5".repeat(32);
        String pnrToken = store.wrap(person, PersonalDataKind.PERSONAL_NUMBER, PERSONAL_NUMBER);
        String phoneToken = store.wrap(person, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        String earlier = "s_" + "6".repeat(32);
        String earlierToken = store.wrap(earlier, PersonalDataKind.PERSONAL_NUMBER, OTHER_PERSONAL_NUMBER);
        // as V25 and V36 wrote them: no key id, nothing sealed; and no look-up row at all for the earlier subject
        jdbc.update("UPDATE secrets_phone_subject SET hmac_key_id = NULL, sealed = NULL");
        jdbc.update(
                "INSERT INTO secrets_subject_lookup (lookup, subject, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                hex(keys.hmac(("caseflow.secrets.subject-lookup.v2\0" + PERSONAL_NUMBER).getBytes(UTF_8))),
                person);
        KeyMaterial rotating = keys.withNewHmacKey(true);
        HmacKeyRotation rotation = TestStores.hmacKeyRotation(dataSource, rotating, 500);
        assertThat(rotation.remaining()).isEqualTo(new HmacKeyRotation.Remaining(1, 1, 2));
        assertThat(rotation.rederiveAll()).as("nothing sealed to derive from").isZero();

        assertThat(rotation.adopt(pnrToken)).isEqualTo(1);
        assertThat(rotation.adopt(phoneToken)).isEqualTo(1);
        assertThat(rotation.adopt(earlierToken))
                .as("the earlier subject gets its look-up row")
                .isEqualTo(1);
        assertThat(rotation.adopt(pnrToken))
                .as("adopting twice changes nothing")
                .isZero();
        assertThat(rotation.adopt(store.wrap(person, PersonalDataKind.NAME, "Tolvan")))
                .isZero();
        assertThat(rotation.remaining()).isEqualTo(new HmacKeyRotation.Remaining(1, 1, 0));
        assertThat(rotation.rederiveAll()).isEqualTo(2);

        SecretsStore after = TestStores.store(dataSource, rotating.withoutHmacKey(keys.hmacPrimaryKeyId()));
        assertThat(after.existingSubject(PERSONAL_NUMBER)).contains(person);
        assertThat(after.existingSubject(OTHER_PERSONAL_NUMBER)).contains(earlier);
        assertThat(after.subjectFor(OTHER_PERSONAL_NUMBER)).isEqualTo(earlier);
    }

    @Test
    void aMessageThatHoldsThePersonsNumberWithoutWrappingItIsShreddedWithThem() {
        String person = store.subjectFor(PERSONAL_NUMBER);
        String waiting = "s_" + "3".repeat(32);
        store.wrap(person, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        String message =
                store.wrap(waiting, PersonalDataKind.INBOUND_SMS, "{\"from\":\"+46701740605\",\"body\":\"Hej\"}");
        store.holdsPhoneNumber(waiting, "+46701740605");

        assertThat(store.shred(person)).isTrue();

        assertThat(store.unwrap(message, TrustedCaller.SMS_INBOX, "after erasure"))
                .as("an inbound message from the erased person's number, not yet routed")
                .isEqualTo(new Unwrapped.Erased(waiting));
        assertThat(jdbc.queryForList("SELECT subject FROM secrets_phone_subject", String.class))
                .as("no blind index of the erased person's number is left")
                .isEmpty();
        assertThatThrownBy(() -> store.holdsPhoneNumber(waiting, "+46701740605"))
                .as("a shredded subject records no number again")
                .isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> store.wrap(waiting, PersonalDataKind.PHONE_NUMBER, "+46701740605"))
                .isInstanceOf(SubjectErasedException.class);
        assertThat(jdbc.queryForList("SELECT subject FROM secrets_phone_subject", String.class))
                .isEmpty();
    }

    @Test
    void shreddingOneMessageLeavesTheSameSendersOtherMessages() {
        String routed = "s_" + "4".repeat(32);
        String waiting = "s_" + "5".repeat(32);
        String unmatched = "s_" + "6".repeat(32);
        String person = store.subjectFor(PERSONAL_NUMBER);
        store.wrap(person, PersonalDataKind.PHONE_NUMBER, "+46701740605");
        store.wrap(routed, PersonalDataKind.INBOUND_SMS, "{\"from\":\"+46701740605\",\"body\":\"Hej\"}");
        String stillWaiting =
                store.wrap(waiting, PersonalDataKind.INBOUND_SMS, "{\"from\":\"+46701740605\",\"body\":\"Igen\"}");
        store.wrap(unmatched, PersonalDataKind.FREE_TEXT, "Vem är detta?");
        for (String message : List.of(routed, waiting, unmatched)) {
            store.holdsPhoneNumber(message, "+46701740605");
        }

        assertThat(store.shred(routed)).as("a message routed to its case").isTrue();

        assertThat(store.unwrap(stillWaiting, TrustedCaller.SMS_INBOX, "route it"))
                .as("another message from the same number, still waiting")
                .isEqualTo(new Unwrapped.Revealed("{\"from\":\"+46701740605\",\"body\":\"Igen\"}"));
        assertThat(store.isErased(unmatched))
                .as("an unmatched message from the same number, recorded under its own subject")
                .isFalse();
        assertThat(store.isErased(person)).isFalse();

        assertThat(store.shred(person)).as("the person with that number").isTrue();

        assertThat(store.isErased(waiting)).isTrue();
        assertThat(store.isErased(unmatched)).isTrue();
    }

    @Test
    void aSubjectIsErasedFromItsShredOn() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        assertThat(store.isErased(subject)).as("nothing wrapped yet").isFalse();
        store.wrap(subject, PersonalDataKind.NAME, "Tolvan Tolvansson");
        assertThat(store.isErased(subject)).isFalse();

        store.shred(subject);

        assertThat(store.isErased(subject)).isTrue();
        assertThat(TestStores.store(dataSource, keys).isErased(subject))
                .as("on another node")
                .isTrue();
        assertThat(store.isErased(store.subjectFor(OTHER_PERSONAL_NUMBER))).isFalse();
    }

    @Test
    void rotatedKekOpensOldTokensAndTheRewrapJobMovesEverySubjectKeyToTheNewPrimary() {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String subject = store.subjectFor("19800101000" + i);
            tokens.put(store.wrap(subject, PersonalDataKind.PHONE_NUMBER, "+4670000000" + i), "+4670000000" + i);
        }
        long oldKek = keys.kekPrimaryKeyId();

        KeyMaterial rotated = keys.withNewPrimaryKek();
        long newKek = rotated.kekPrimaryKeyId();
        assertThat(newKek).isNotEqualTo(oldKek);
        assertThat(rotated.kekKeyCount()).isEqualTo(2);
        SecretsStore afterRotation = TestStores.store(dataSource, rotated);
        assertOpens(afterRotation, tokens);
        String newSubject = afterRotation.subjectFor("19800101000" + 9);
        tokens.put(afterRotation.wrap(newSubject, PersonalDataKind.PHONE_NUMBER, "+46700000009"), "+46700000009");
        assertThat(kekKeyIds()).containsExactlyInAnyOrder(oldKek, oldKek, oldKek, oldKek, oldKek, newKek);

        KeyMaterial withoutOld = rotated.withoutKekKey(oldKek);
        assertThatThrownBy(() -> TestStores.store(dataSource, withoutOld)
                        .unwrap(tokens.keySet().iterator().next(), TrustedCaller.SMS_SENDER, "too early"))
                .as("before the rewrap the old KEK key is still needed")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KEK key " + oldKek);

        assertThat(TestStores.rewrapJob(dataSource, rotated, 2).rewrapAll()).isEqualTo(5);
        assertThat(kekKeyIds()).containsOnly(newKek);
        assertThat(TestStores.rewrapJob(dataSource, rotated, 2).rewrapAll()).isZero();

        assertThat(withoutOld.kekKeyCount()).isEqualTo(1);
        assertOpens(TestStores.store(dataSource, withoutOld), tokens);
    }

    private List<Long> kekKeyIds() {
        return jdbc.queryForList("SELECT kek_key_id FROM secrets_subject_key", Long.class);
    }

    private static void assertOpens(SecretsStore anyStore, Map<String, String> tokens) {
        tokens.forEach((token, plaintext) -> assertThat(anyStore.unwrap(token, TrustedCaller.SMS_SENDER, "rotation"))
                .isEqualTo(new Unwrapped.Revealed(plaintext)));
    }

    @Test
    void keyMaterialSurvivesItsJsonForm() {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        String token = store.wrap(subject, PersonalDataKind.PERSONAL_NUMBER, PERSONAL_NUMBER);

        KeyMaterial reloaded = KeyMaterial.fromJson(keys.toJson(), "test");
        SecretsStore restarted = TestStores.store(dataSource, reloaded);

        assertThat(restarted.subjectFor(PERSONAL_NUMBER)).isEqualTo(subject);
        assertThat(restarted.blindIndex(PersonalDataKind.NAME, "x"))
                .isEqualTo(store.blindIndex(PersonalDataKind.NAME, "x"));
        assertThat(restarted.unwrap(token, TrustedCaller.UC_ADAPTER, "restart"))
                .isEqualTo(new Unwrapped.Revealed(PERSONAL_NUMBER));
    }

    @Test
    void twoThreadsWrappingForTheSameNewSubjectAtOnceBothSucceedWithOneKey() throws Exception {
        String subject = store.subjectFor(PERSONAL_NUMBER);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<String>> wraps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String phone = "+4670111111" + i;
                // Separate store instances: no shared cache, as on two nodes.
                SecretsStore node = TestStores.store(dataSource, keys);
                wraps.add(CompletableFuture.supplyAsync(
                        () -> TestStores.transactions(dataSource).execute(status -> {
                            await(start);
                            return node.wrap(subject, PersonalDataKind.PHONE_NUMBER, phone);
                        }),
                        threads));
            }
            for (int i = 0; i < 2; i++) {
                String token = wraps.get(i).get(60, TimeUnit.SECONDS);
                assertThat(TestStores.store(dataSource, keys).unwrap(token, TrustedCaller.SMS_SENDER, "race"))
                        .isEqualTo(new Unwrapped.Revealed("+4670111111" + i));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM secrets_subject_key", Integer.class))
                .isEqualTo(1);
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
