package se.caseflow.domain.api;

/** An opaque secrets-store token and the mask staff may see without unwrapping it. */
public record ProtectedValue(String token, String mask) {}
