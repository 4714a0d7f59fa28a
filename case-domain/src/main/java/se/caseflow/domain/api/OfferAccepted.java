package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The applicant took the offer of {@code partnerId}; every other invited partner lost. */
@Revision("1")
public record OfferAccepted(String caseId, String partnerId, BidTerms terms) {}
