package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Internal (identity-check saga): the party's identity was not verified, for a reason. */
public record RejectIdentity(
        @TargetAggregateIdentifier String caseId, Party party, IdentityRejectionReason reason, String detail) {}
