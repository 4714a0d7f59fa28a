package se.caseflow.domain.api;

/**
 * An applicant as events carry it: each personal field wrapped by the secrets store under the person's
 * own subject key, plus blind indexes for look-ups (phone) and duplicate detection (personal number).
 */
public record ProtectedApplicant(
        String subject,
        ProtectedValue personalNumber,
        ProtectedValue name,
        ProtectedValue mobilePhone,
        ProtectedValue email,
        ProtectedValue address,
        String personalNumberIndex,
        String mobilePhoneIndex) {}
