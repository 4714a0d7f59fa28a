package se.caseflow.projections.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import se.caseflow.domain.api.Party;

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
        CaseChecks checks,
        CaseBidding bidding,
        List<FollowUp> followUps) {

    static final String OPEN = "OPEN";
    static final String CLOSED = "CLOSED";

    CaseDocument {
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    /** Name unwrapped for staff (or {@code (erased)}); everything else only as the event's masks. */
    record Person(
            String name,
            String nameMask,
            String personalNumberMask,
            String mobilePhoneMask,
            String emailMask,
            String addressMask) {

        static Person erased() {
            String erased = CaseProjection.ERASED;
            return new Person(erased, erased, erased, erased, erased, erased);
        }
    }

    record Loan(long amountSek, String amount, int termMonths, String purpose) {}

    record Income(long monthlyGrossSek, String monthlyGross, String employmentType) {}

    /**
     * What should happen next, and since when ({@code since} decides the case's day in Today). While the case waits
     * for someone else (partners bidding, the applicant signing) it is not in Today.
     */
    record NextAction(String code, String label, Instant since) {

        static final String AWAIT_BIDS = "AWAIT_BIDS";
        static final String AWAIT_SIGNATURE = "AWAIT_SIGNATURE";
        private static final Set<String> WAITING = Set.of(AWAIT_BIDS, AWAIT_SIGNATURE);

        boolean waiting() {
            return WAITING.contains(code);
        }
    }

    @JsonIgnore
    boolean isOpen() {
        return OPEN.equals(status);
    }

    @JsonIgnore
    boolean isClosed() {
        return CLOSED.equals(status);
    }

    /** The applicant's data is erased: the activity feed shows one entry saying so and takes no more. */
    @JsonIgnore
    boolean applicantErased() {
        return CaseProjection.ERASED.equals(applicant.name());
    }

    /**
     * The document as a rebuild writes it once {@code party} was erased: every field of that person {@code
     * (erased)}, and for the applicant, under whose key the free text of a case is wrapped, every text too (the close
     * comment, the notes of follow-ups and the follow-up next action's label).
     */
    CaseDocument erased(Party party) {
        Person erasedPerson = Person.erased();
        boolean texts = party == Party.APPLICANT;
        return new CaseDocument(
                caseId,
                version,
                status,
                texts ? erasedPerson : applicant,
                texts || coApplicant == null ? coApplicant : erasedPerson,
                loan,
                income,
                notes,
                texts ? FollowUp.erasedLabel(nextAction) : nextAction,
                openedAt,
                updatedAt,
                closedAt,
                closeReason,
                texts && closeComment != null ? CaseProjection.ERASED : closeComment,
                checks,
                bidding,
                texts ? FollowUp.erasedNotes(followUps) : followUps);
    }

    CaseDocument withNote(long newVersion, int noteNumber, Instant at) {
        return changed(newVersion, at, noteNumber, nextAction, checks, bidding, followUps);
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
                checks,
                bidding,
                followUps);
    }

    CaseDocument withChecks(long newVersion, CaseChecks newChecks, Instant at) {
        return changed(newVersion, at, notes, nextAction, newChecks, bidding, followUps);
    }

    /** The bidding section changed; {@code next} is the next action afterwards (the current one to keep it). */
    CaseDocument withBidding(long newVersion, CaseBidding newBidding, NextAction next, Instant at) {
        return changed(newVersion, at, notes, next, checks, newBidding, followUps);
    }

    CaseDocument withFollowUps(long newVersion, List<FollowUp> newFollowUps, NextAction next, Instant at) {
        return changed(newVersion, at, notes, next, checks, bidding, newFollowUps);
    }

    /** A copy of an open or closed case changed by an event at {@code at} in what the arguments name. */
    private CaseDocument changed(
            long newVersion,
            Instant at,
            int newNotes,
            NextAction next,
            CaseChecks newChecks,
            CaseBidding newBidding,
            List<FollowUp> newFollowUps) {
        return new CaseDocument(
                caseId,
                newVersion,
                status,
                applicant,
                coApplicant,
                loan,
                income,
                newNotes,
                next,
                openedAt,
                at,
                closedAt,
                closeReason,
                closeComment,
                newChecks,
                newBidding,
                newFollowUps);
    }
}
