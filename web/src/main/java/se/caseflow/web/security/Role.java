package se.caseflow.web.security;

/** What a signed-in user is. Spring Security sees each as the authority {@code ROLE_<name>}. */
public enum Role {
    /** Loan broker staff: read cases, their activity and views; send commands. */
    STAFF,
    /** A partner lender (rules come with the bidding issue; nothing is readable yet). */
    PARTNER,
    /** Operations (rules come with the ops issue). */
    OPS;

    public String authority() {
        return "ROLE_" + name();
    }
}
