package se.caseflow.secrets;

import java.util.List;

/**
 * Derives every erasable look-up row of the secrets store again under the primary HMAC key (docs/adr/0040): the
 * personnummer look-up ({@code secrets_subject_lookup}) and the phone numbers subjects wrapped
 * ({@code secrets_phone_subject}), each from the token it keeps sealed under its subject's key. Once nothing is left
 * under another key, the old HMAC keys can be removed from the key material, and a backup's HMACs taken before then
 * match nothing caseflow holds. The read side's indexes (SMS routing in Redis) are derived again by a rebuild.
 *
 * <p>Every step is idempotent and may be interrupted: a row already under the primary key is left alone.
 */
public interface HmacKeyRotation {

    /** What is left to do: rows not under the primary key, and those of them with no sealed value to derive from. */
    record Remaining(long personRows, long phoneRows, long unsealedRows) {
        public long rows() {
            return personRows + phoneRows;
        }
    }

    /** The Tink id of the HMAC key every new row is written under. */
    long primaryKeyId();

    /** Every HMAC key id in the key material, the primary first. */
    List<Long> keyIds();

    Remaining remaining();

    /**
     * Gives a token found elsewhere (a personnummer or phone number token in an event) to the look-up rows derived
     * from its value that have no sealed value yet (rows written before V42), and ties a person's subject of an
     * earlier version (one with no look-up row) to their personnummer under the primary key. Tokens of other kinds, of
     * erased subjects, or that no row was derived from change nothing.
     *
     * @return how many rows it changed
     */
    int adopt(String token);

    /**
     * Derives every sealed row not under the primary key again under it, one transaction per batch.
     *
     * @return how many rows were moved
     */
    int rederiveAll();
}
