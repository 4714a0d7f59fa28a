package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** A partner took back its bid. */
@Revision("1")
public record BidWithdrawn(String caseId, String partnerId) {}
