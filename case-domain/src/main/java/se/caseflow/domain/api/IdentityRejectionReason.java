package se.caseflow.domain.api;

/** Why an identity check did not verify a person. */
public enum IdentityRejectionReason {
    /** UC knows no person with this personnummer. */
    NOT_FOUND,
    /** The population register records the person as deceased. */
    DECEASED,
    /** The person has emigrated. */
    EMIGRATED,
    /** The person has a protected identity or another register status that stops automatic handling. */
    PROTECTED_IDENTITY,
    /** The name UC holds does not match the name on the application. */
    NAME_MISMATCH,
    /** The check could not be done (UC unreachable, unreadable reply); a person must look at it. */
    CHECK_FAILED
}
