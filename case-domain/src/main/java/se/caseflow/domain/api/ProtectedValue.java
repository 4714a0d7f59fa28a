package se.caseflow.domain.api;

/**
 * An opaque secrets-store token. Events carry nothing else of a person: masks are made on the read side by
 * unwrapping the token, so they die with the person's key.
 */
public record ProtectedValue(String token) {}
