package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Internal (credit-check saga): whether UC took the reserved report is not known (no answer, or a
 * reservation found from an earlier attempt); a person must resolve it, nothing calls UC again.
 */
public record MarkCreditCheckUnknown(
        @TargetAggregateIdentifier String caseId, Party party, String reason) {}
