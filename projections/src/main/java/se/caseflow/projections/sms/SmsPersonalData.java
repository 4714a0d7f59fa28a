package se.caseflow.projections.sms;

import java.util.Optional;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.personal.Masks;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;

/**
 * What the SMS read side needs of the wrapped data in SMS events, made from the tokens because events carry no
 * masks, no blind indexes and no plaintext: the routing index of a phone number (kept only in Redis, where
 * erasure deletes it), its display mask, and the texts. All of them are gone once the person's key is shredded.
 */
final class SmsPersonalData {

    private static final String PURPOSE = "SMS conversation and routing";
    private static final String ERASED = "(erased)";

    private final PersonalDataUnwrapper unwrapper;
    private final PersonalDataVault vault;

    SmsPersonalData(PersonalDataUnwrapper unwrapper, PersonalDataVault vault) {
        this.unwrapper = unwrapper;
        this.vault = vault;
    }

    Optional<String> routingIndex(ProtectedValue phone) {
        return reveal(phone).map(e164 -> vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164));
    }

    /** The display mask of a number; empty for none (the sender of a revision-1 unmatched message). */
    String mask(ProtectedValue phone) {
        return phone == null ? "" : reveal(phone).map(Masks::phone).orElse(ERASED);
    }

    /** The text of a message; empty for none (a revision-1 text the upcaster dropped). */
    String text(ProtectedValue text) {
        return text == null ? "" : reveal(text).orElse(ERASED);
    }

    private Optional<String> reveal(ProtectedValue value) {
        return unwrapper.unwrap(value.token(), TrustedCaller.STAFF_PROJECTION, PURPOSE)
                        instanceof Unwrapped.Revealed revealed
                ? Optional.of(revealed.plaintext())
                : Optional.empty();
    }
}
