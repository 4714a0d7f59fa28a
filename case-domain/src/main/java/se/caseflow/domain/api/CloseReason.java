package se.caseflow.domain.api;

/** The fixed list of reasons a case can be closed for. */
public enum CloseReason {
    WITHDRAWN_BY_APPLICANT,
    NO_OFFERS,
    OFFER_DECLINED,
    CREDIT_REJECTED,
    DUPLICATE,
    FRAUD_SUSPECTED,
    PAID_OUT
}
