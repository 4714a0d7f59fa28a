package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erase one person (ops, through the internal gate): shred the key of {@code subject}, the secrets store's opaque
 * id of the person. {@code erasureId} names the erasure (the aggregate the command goes to): a new UUID per erasure.
 */
public record EraseSubject(@TargetAggregateIdentifier String erasureId, String subject) {}
