package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** UC's credit report of the party, as typed values. */
@Revision("1")
public record CreditReportReceived(String caseId, Party party, CreditReport report) {}
