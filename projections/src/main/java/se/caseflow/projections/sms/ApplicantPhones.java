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
 * What the SMS read side needs of a wrapped phone number, made from its token because events carry no masks
 * and no blind indexes: the routing index (kept only in Redis, where erasure deletes it) and the display
 * mask. Both are empty once the person's key is shredded.
 */
final class ApplicantPhones {

    private static final String PURPOSE = "SMS conversation and routing";

    private final PersonalDataUnwrapper unwrapper;
    private final PersonalDataVault vault;

    ApplicantPhones(PersonalDataUnwrapper unwrapper, PersonalDataVault vault) {
        this.unwrapper = unwrapper;
        this.vault = vault;
    }

    Optional<String> routingIndex(ProtectedValue phone) {
        return reveal(phone).map(e164 -> vault.blindIndex(PersonalDataKind.PHONE_NUMBER, e164));
    }

    String mask(ProtectedValue phone) {
        return reveal(phone).map(Masks::phone).orElse("(erased)");
    }

    private Optional<String> reveal(ProtectedValue phone) {
        return unwrapper.unwrap(phone.token(), TrustedCaller.STAFF_PROJECTION, PURPOSE)
                        instanceof Unwrapped.Revealed revealed
                ? Optional.of(revealed.plaintext())
                : Optional.empty();
    }
}
