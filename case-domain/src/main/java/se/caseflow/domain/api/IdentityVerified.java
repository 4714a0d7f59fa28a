package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * UC verified the party's identity; the wrapped personnummer is what the credit check will use. Revision 2
 * dropped its mask (see {@code EventRevisionUpcasters}).
 */
@Revision("2")
public record IdentityVerified(String caseId, Party party, ProtectedValue personalNumber) {}
