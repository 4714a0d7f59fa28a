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
     * Records (in the caller's transaction, if any) that the subject holds this phone number, as a wrap of the number
     * would, without wrapping it: shredding a person who wrapped the number then shreds this subject too, if it is
     * no person's (an inbound SMS waiting in the inbox, wrapped as one token with its text).
     *
     * @throws se.caseflow.domain.personal.SubjectErasedException when the subject has no key (shredded)
     */
    void holdsPhoneNumber(String subject, String normalisedE164);

    /**
     * Shreds the subject's current key, joining the surrounding transaction if there is one, and, when the subject is
     * a person's (it has a personnummer look-up), the keys of the unmatched inbound messages from the phone numbers
     * it wrapped (subjects of no person that wrapped one of those numbers); forgets which numbers they wrapped.
     * Shredding a message's own subject reaches no other message.
     *
     * @return true if key material was deleted, false if the subject had none
     */
    boolean shred(String subject);
}
