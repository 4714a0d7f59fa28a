package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** A case was closed for a reason from the fixed list. */
@Revision("1")
public record CaseClosed(String caseId, CloseReason reason, String comment) {}
