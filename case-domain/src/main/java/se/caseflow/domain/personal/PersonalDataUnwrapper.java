package se.caseflow.domain.personal;

/** Port to the secrets store for the few callers that must see plaintext. Every call is audited. */
public interface PersonalDataUnwrapper {

    /**
     * Opens a token for a trusted caller.
     *
     * @param purpose why the caller needs the plaintext (written to the audit log, so no personal data)
     * @throws UnwrapRefusedException when the caller may not unwrap the token's kind of data
     */
    Unwrapped unwrap(String token, TrustedCaller caller, String purpose);
}
