package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The party's identity was not verified; the case goes no further automatically. */
@Revision("1")
public record IdentityRejected(String caseId, Party party, IdentityRejectionReason reason, String detail) {}
