package se.caseflow.domain.identity;

import se.caseflow.domain.api.IdentityRejectionReason;

/** What an identity check found. */
public sealed interface IdentityCheckResult {

    record Verified() implements IdentityCheckResult {}

    /** {@code detail}: a short explanation without personal data (e.g. UC's status code). */
    record Rejected(IdentityRejectionReason reason, String detail) implements IdentityCheckResult {}
}
