package se.caseflow.domain.api;

/**
 * An applicant as events carry it: each personal field wrapped by the secrets store under the person's own
 * subject key. No masks and no blind indexes: once the key is shredded nothing here narrows the person down.
 */
public record ProtectedApplicant(
        String subject,
        ProtectedValue personalNumber,
        ProtectedValue name,
        ProtectedValue mobilePhone,
        ProtectedValue email,
        ProtectedValue address) {}
