package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff: the applicant signed the debt letter. */
public record RecordDebtLetterSigned(
        @TargetAggregateIdentifier String caseId) {}
