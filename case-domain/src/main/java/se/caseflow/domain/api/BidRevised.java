package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** A partner replaced the terms of its bid. */
@Revision("1")
public record BidRevised(String caseId, String partnerId, BidTerms terms) {}
