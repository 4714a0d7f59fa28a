package se.caseflow.domain.identity;

import se.caseflow.domain.api.ProtectedApplicant;

/**
 * Port to the identity check (UC {@code identityCheck}). The adapter alone unwraps the personnummer
 * ({@code TrustedCaller.UC_ADAPTER}, audited); the result carries no personal data.
 */
public interface IdentityCheckPort {

    /** Never throws for an answer UC gave; a transport or format problem is a {@code CHECK_FAILED} rejection. */
    IdentityCheckResult check(ProtectedApplicant person);
}
