package se.caseflow.secrets;

/**
 * Crypto-shredding of one person: deletes the subject's key so every token wrapped for it opens as
 * {@link se.caseflow.domain.personal.Unwrapped.Erased} from then on. Find the subject of a personal number with
 * {@link se.caseflow.domain.personal.PersonalDataVault#subjectFor(String)}.
 *
 * <p>Wrapping for the subject again later creates a fresh key (a new case for the same person works); tokens of
 * the shredded key stay erased.
 */
public interface SubjectShredder {

    /**
     * Shreds the subject's current key, joining the surrounding transaction if there is one.
     *
     * @return true if key material was deleted, false if the subject had none
     */
    boolean shred(String subject);
}
