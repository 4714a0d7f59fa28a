package se.caseflow.secrets;

import java.util.Optional;

/**
 * Crypto-shredding of one person: deletes the subject's key so every token wrapped for it opens as
 * {@link se.caseflow.domain.personal.Unwrapped.Erased} from then on, and deletes the only thing that ties the
 * subject to a personnummer (its row in {@code secrets_subject_lookup}).
 *
 * <p>Wrapping for the subject again later creates a fresh key (a new case for the same person works); tokens of
 * the shredded key stay erased.
 */
public interface SubjectShredder extends se.caseflow.domain.personal.PersonalDataShredder {

    /**
     * The subject of a normalised personal number, without creating one: empty when caseflow holds nothing
     * wrapped for that person (never seen, or erased).
     */
    Optional<String> existingSubject(String normalisedPersonalNumber);

    /**
     * Shreds the subject's current key, joining the surrounding transaction if there is one, and the keys of the
     * unmatched inbound messages from the phone numbers the subject wrapped (subjects of no person that wrapped one
     * of those numbers); forgets which numbers they wrapped.
     *
     * @return true if key material was deleted, false if the subject had none
     */
    boolean shred(String subject);
}
