package se.caseflow.web.security;

/** What a signed-in user is. Spring Security sees each as the authority {@code ROLE_<name>}. */
public enum Role {
    /** Loan broker staff: read cases, their activity and views; send commands. */
    STAFF,
    /** A partner lender (rules come with the bidding issue; nothing is readable yet). */
    PARTNER,
    /** Operations: the ops API and page, health details, metrics, dead letters, rebuilds, erasure, audit. */
    OPS,
    /** A metrics scraper: {@code /actuator/prometheus} only. */
    METRICS;

    public String authority() {
        return "ROLE_" + name();
    }
}
