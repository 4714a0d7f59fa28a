package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Internal (identity-check saga): UC verified the party; carries the party's wrapped personnummer on. */
public record ConfirmIdentity(@TargetAggregateIdentifier String caseId, Party party, ProtectedValue personalNumber) {}
