package se.caseflow.domain.api;

/** Monthly gross income in a band: what a partner sees instead of the applicant's exact income. */
public enum IncomeBand {
    UNDER_20000,
    FROM_20000_TO_29999,
    FROM_30000_TO_44999,
    FROM_45000_TO_59999,
    FROM_60000
}
