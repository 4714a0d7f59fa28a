package se.caseflow.domain.cases;

import java.util.ArrayList;
import java.util.List;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * A deterministic vault for aggregate tests: the aggregate is the thing under test here, the real
 * Tink-based store is tested in integrations/secrets and end to end in web.
 */
class RecordingVault implements PersonalDataVault {

    private final List<String> wrapped = new ArrayList<>();
    private final List<String> subjects = new ArrayList<>();
    private final List<String> erased = new ArrayList<>();

    @Override
    public String subjectFor(String normalisedPersonalNumber) {
        String subject = subjectName(normalisedPersonalNumber);
        if (!subjects.contains(subject)) {
            subjects.add(subject);
        }
        return subject;
    }

    @Override
    public String wrap(String subject, PersonalDataKind kind, String plaintext) {
        wrapped.add(plaintext);
        return token(subject, kind, plaintext);
    }

    static String token(String subject, PersonalDataKind kind, String plaintext) {
        return "token:" + subject + ":" + kind + ":" + Integer.toHexString(plaintext.hashCode());
    }

    /** Free text as the case wraps it under the applicant {@code subject}. */
    static ProtectedValue text(String subject, String plaintext) {
        return new ProtectedValue(token(subject, PersonalDataKind.FREE_TEXT, plaintext));
    }

    @Override
    public boolean isErased(String subject) {
        return erased.contains(subject);
    }

    /** The subject's key is shredded from now on. */
    void erase(String subject) {
        erased.add(subject);
    }

    @Override
    public String blindIndex(PersonalDataKind kind, String normalisedValue) {
        return "index:" + kind + ":" + Integer.toHexString(normalisedValue.hashCode());
    }

    static String subjectName(String normalisedPersonalNumber) {
        return "subject-" + Integer.toHexString(normalisedPersonalNumber.hashCode());
    }

    List<String> wrapped() {
        return wrapped;
    }

    List<String> subjects() {
        return subjects;
    }
}
