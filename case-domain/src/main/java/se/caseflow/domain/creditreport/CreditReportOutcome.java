package se.caseflow.domain.creditreport;

import se.caseflow.domain.api.CreditReport;

/** How a call for a credit report ended. Reasons never hold personal data. */
public sealed interface CreditReportOutcome {

    record Received(CreditReport report) implements CreditReportOutcome {}

    /** UC certainly gave no usable report: it refused the request, or its reply could not be read. */
    record Failed(String reason) implements CreditReportOutcome {}

    /** UC may or may not have taken the report: the request left and no complete answer came back. */
    record Unknown(String reason) implements CreditReportOutcome {}
}
