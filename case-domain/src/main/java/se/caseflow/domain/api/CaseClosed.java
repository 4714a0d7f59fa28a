package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * A case was closed for a reason from the fixed list. Revision 2: the comment (null: none) is wrapped under the
 * applicant's subject key (revision 1 held it in plaintext).
 */
@Revision("2")
public record CaseClosed(String caseId, CloseReason reason, ProtectedValue comment) {}
