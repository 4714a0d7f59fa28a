package se.caseflow.domain.cases;

enum CaseStatus {
    OPEN,
    CLOSED
}
