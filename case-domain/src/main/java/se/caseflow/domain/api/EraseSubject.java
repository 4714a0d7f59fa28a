package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erase one person (ops, through the internal gate): shred the key of {@code subject}, the secrets store's opaque
 * id of the person. {@code caseId} names the erasure, not a loan case: a new UUID per erasure.
 */
public record EraseSubject(@TargetAggregateIdentifier String caseId, String subject) {}
