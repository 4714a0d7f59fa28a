package se.caseflow.domain.api;

/** Why no credit report was taken. */
public enum CreditCheckSkipReason {
    /** The triggering event was older than caseflow.uc.max-event-age when the saga saw it. */
    STALE_TRIGGER
}
