package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** A partner bid. Sealed: only staff and that partner ever see it. */
@Revision("1")
public record BidPlaced(String caseId, String partnerId, BidTerms terms) {}
