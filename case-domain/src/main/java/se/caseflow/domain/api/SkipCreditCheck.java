package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Internal (sagas): no credit report will be taken for the party automatically, for a reason. */
public record SkipCreditCheck(
        @TargetAggregateIdentifier String caseId, Party party, CreditCheckSkipReason reason, String detail) {}
