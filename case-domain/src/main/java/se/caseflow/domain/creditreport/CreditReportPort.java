package se.caseflow.domain.creditreport;

import se.caseflow.domain.api.ProtectedValue;

/**
 * Port to UC's credit report ({@code individualReport}): every call may be a report taken on the person,
 * so callers reserve it on the case first. The adapter alone unwraps the personnummer, audited.
 */
public interface CreditReportPort {

    /** Never throws: every way the call can end is an outcome. */
    CreditReportOutcome fetch(ProtectedValue personalNumber);
}
