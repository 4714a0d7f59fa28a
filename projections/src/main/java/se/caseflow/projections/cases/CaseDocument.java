package se.caseflow.projections.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * The staff document of one case, {@code case/{id}}. Field order is the JSON order. {@code version} is
 * the number of the case's events applied (its aggregate sequence number + 1); every time is an event's
 * timestamp, so a rebuild writes the same bytes.
 */
record CaseDocument(
        String caseId,
        long version,
        String status,
        Person applicant,
        Person coApplicant,
        Loan loan,
        Income income,
        int notes,
        NextAction nextAction,
        Instant openedAt,
        Instant updatedAt,
        Instant closedAt,
        String closeReason,
        String closeComment,
        CaseChecks checks) {

    static final String OPEN = "OPEN";
    static final String CLOSED = "CLOSED";

    /** Name unwrapped for staff (or {@code (erased)}); everything else only as the event's masks. */
    record Person(
            String name,
            String nameMask,
            String personalNumberMask,
            String mobilePhoneMask,
            String emailMask,
            String addressMask) {}

    record Loan(long amountSek, String amount, int termMonths, String purpose) {}

    record Income(long monthlyGrossSek, String monthlyGross, String employmentType) {}

    /** What staff should do next, and since when ({@code since} decides the case's day in Today). */
    record NextAction(String code, String label, Instant since) {}

    @JsonIgnore
    boolean isOpen() {
        return OPEN.equals(status);
    }

    @JsonIgnore
    boolean isClosed() {
        return CLOSED.equals(status);
    }

    CaseDocument withNote(long newVersion, int noteNumber, Instant at) {
        return new CaseDocument(
                caseId,
                newVersion,
                status,
                applicant,
                coApplicant,
                loan,
                income,
                noteNumber,
                nextAction,
                openedAt,
                at,
                closedAt,
                closeReason,
                closeComment,
                checks);
    }

    CaseDocument closed(long newVersion, String reason, String comment, Instant at) {
        return new CaseDocument(
                caseId,
                newVersion,
                CLOSED,
                applicant,
                coApplicant,
                loan,
                income,
                notes,
                null,
                openedAt,
                at,
                at,
                reason,
                comment,
                checks);
    }

    CaseDocument withChecks(long newVersion, CaseChecks newChecks, Instant at) {
        return new CaseDocument(
                caseId,
                newVersion,
                status,
                applicant,
                coApplicant,
                loan,
                income,
                notes,
                nextAction,
                openedAt,
                at,
                closedAt,
                closeReason,
                closeComment,
                newChecks);
    }
}
