package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Internal (credit-check saga): the reserved check ended without a usable report, for a reason. */
public record RecordCreditCheckFailure(
        @TargetAggregateIdentifier String caseId, Party party, String reason) {}
