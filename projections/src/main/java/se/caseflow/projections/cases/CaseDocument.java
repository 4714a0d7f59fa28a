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
     * A case just opened: the people, loan and income of its opening event and what to do first; no note, check,
     * bidding or follow-up yet, and not closed.
     */
    static CaseDocument opened(
            String caseId,
            long version,
            Person applicant,
            Person coApplicant,
            Loan loan,
            Income income,
            NextAction next,
            Instant at) {
        Builder opened = new Builder();
        opened.caseId = caseId;
        opened.version = version;
        opened.status = OPEN;
        opened.applicant = applicant;
        opened.coApplicant = coApplicant;
        opened.loan = loan;
        opened.income = income;
        opened.nextAction = next;
        opened.openedAt = at;
        opened.updatedAt = at;
        return opened.build();
    }

    /**
     * The document as a rebuild writes it once {@code party} was erased: every field of that person {@code
     * (erased)}, and for the applicant, under whose key the free text of a case is wrapped, every text too (the close
     * comment, the notes of follow-ups and the follow-up next action's label).
     */
    CaseDocument erased(Party party) {
        Person erasedPerson = Person.erased();
        Builder erased = new Builder(this);
        if (party == Party.APPLICANT) {
            erased.applicant = erasedPerson;
            erased.nextAction = FollowUp.erasedLabel(nextAction);
            erased.closeComment = closeComment == null ? null : CaseProjection.ERASED;
            erased.followUps = FollowUp.erasedNotes(followUps);
        } else if (coApplicant != null) {
            erased.coApplicant = erasedPerson;
        }
        return erased.build();
    }

    CaseDocument withNote(long newVersion, int noteNumber, Instant at) {
        Builder changed = changedBy(newVersion, at);
        changed.notes = noteNumber;
        return changed.build();
    }

    CaseDocument closed(long newVersion, String reason, String comment, Instant at) {
        Builder closed = changedBy(newVersion, at);
        closed.status = CLOSED;
        closed.nextAction = null;
        closed.closedAt = at;
        closed.closeReason = reason;
        closed.closeComment = comment;
        return closed.build();
    }

    CaseDocument withChecks(long newVersion, CaseChecks newChecks, Instant at) {
        Builder changed = changedBy(newVersion, at);
        changed.checks = newChecks;
        return changed.build();
    }

    /** The bidding section changed; {@code next} is the next action afterwards (the current one to keep it). */
    CaseDocument withBidding(long newVersion, CaseBidding newBidding, NextAction next, Instant at) {
        Builder changed = changedBy(newVersion, at);
        changed.bidding = newBidding;
        changed.nextAction = next;
        return changed.build();
    }

    CaseDocument withFollowUps(long newVersion, List<FollowUp> newFollowUps, NextAction next, Instant at) {
        Builder changed = changedBy(newVersion, at);
        changed.followUps = newFollowUps;
        changed.nextAction = next;
        return changed.build();
    }

    /** A copy to change, as the event numbered {@code newVersion - 1} at {@code at} changes it. */
    private Builder changedBy(long newVersion, Instant at) {
        Builder changed = new Builder(this);
        changed.version = newVersion;
        changed.updatedAt = at;
        return changed;
    }

    /** The fields of a document being made; the one place that calls the record's constructor. */
    private static final class Builder {
        private String caseId;
        private long version;
        private String status;
        private Person applicant;
        private Person coApplicant;
        private Loan loan;
        private Income income;
        private int notes;
        private NextAction nextAction;
        private Instant openedAt;
        private Instant updatedAt;
        private Instant closedAt;
        private String closeReason;
        private String closeComment;
        private CaseChecks checks;
        private CaseBidding bidding;
        private List<FollowUp> followUps = List.of();

        Builder() {}

        Builder(CaseDocument document) {
            caseId = document.caseId;
            version = document.version;
            status = document.status;
            applicant = document.applicant;
            coApplicant = document.coApplicant;
            loan = document.loan;
            income = document.income;
            notes = document.notes;
            nextAction = document.nextAction;
            openedAt = document.openedAt;
            updatedAt = document.updatedAt;
            closedAt = document.closedAt;
            closeReason = document.closeReason;
            closeComment = document.closeComment;
            checks = document.checks;
            bidding = document.bidding;
            followUps = document.followUps;
        }

        CaseDocument build() {
            return new CaseDocument(
                    caseId,
                    version,
                    status,
                    applicant,
                    coApplicant,
                    loan,
                    income,
                    notes,
                    nextAction,
                    openedAt,
                    updatedAt,
                    closedAt,
                    closeReason,
                    closeComment,
                    checks,
                    bidding,
                    followUps);
        }
    }
}
