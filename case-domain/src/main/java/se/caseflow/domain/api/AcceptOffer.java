package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff, for the applicant: take the ranked offer of {@code partnerId}, after bidding closed. */
public record AcceptOffer(@TargetAggregateIdentifier String caseId, String partnerId) {}
