package se.caseflow.domain.cases;

import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * Free text on a case (notes, close comments, follow-up notes, SMS both ways) is personal data: it is wrapped
 * under the applicant's subject key before it enters an event, so it is erased with them.
 */
final class PersonalText {

    private PersonalText() {}

    /** The wrapped text, or null for no text. */
    static ProtectedValue wrap(PersonalDataVault vault, String subject, String text) {
        return text == null ? null : new ProtectedValue(vault.wrap(subject, PersonalDataKind.FREE_TEXT, text));
    }
}
