package se.caseflow.projections.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.Party;
import se.caseflow.projections.format.SwedishFormat;

/**
 * The identity and UC credit checks on a case document: a {@code status} for the case (the party that most
 * needs a person first) and one entry per party checked. Values come from the events only.
 */
record CaseChecks(String status, PartyCheck applicant, PartyCheck coApplicant) {

    static final String AWAITING = "awaiting-credit-check";
    static final String RESERVED = "credit-check-reserved";
    static final String RECEIVED = "credit-check-received";
    static final String FAILED = "credit-check-failed";
    static final String UNKNOWN = "credit-check-unknown";
    static final String SKIPPED = "credit-check-skipped";
    static final String IDENTITY_REJECTED = "identity-rejected";

    /** Most in need of a person first: the case's status is its parties' first status in this order. */
    private static final List<String> PRECEDENCE =
            List.of(UNKNOWN, FAILED, IDENTITY_REJECTED, SKIPPED, RESERVED, AWAITING, RECEIVED);

    static final List<String> NEEDS_ATTENTION = List.of(UNKNOWN, FAILED, IDENTITY_REJECTED, SKIPPED);
    static final List<String> WAITING = List.of(AWAITING, RESERVED);

    /**
     * One party's checks. {@code since}: when its current status arose. {@code identity} is
     * {@code VERIFIED}, {@code REJECTED} or null (not checked); {@code report} is set once UC answered.
     */
    record PartyCheck(
            String status, Instant since, String identity, String identityReason, String detail, CreditSummary report) {

        /** A party with no check yet (a skip before any identity check). */
        static final PartyCheck NONE = new PartyCheck(null, null, null, null, null, null);

        static final String VERIFIED = "VERIFIED";
        static final String REJECTED = "REJECTED";

        /** The identity was verified: the credit check may begin. */
        static PartyCheck verified(Instant at) {
            return new PartyCheck(AWAITING, at, VERIFIED, null, null, null);
        }

        /** The identity was rejected, for {@code reason} ({@code detail} optional). */
        static PartyCheck rejected(Instant at, String reason, String detail) {
            return new PartyCheck(IDENTITY_REJECTED, at, REJECTED, reason, detail, null);
        }

        /** The credit check moved to {@code newStatus}, with an optional detail; the identity stays. */
        PartyCheck now(String newStatus, Instant at, String newDetail) {
            return new PartyCheck(newStatus, at, identity, identityReason, newDetail, report);
        }

        /** UC answered with {@code newReport}; the identity stays. */
        PartyCheck received(CreditSummary newReport, Instant at) {
            return new PartyCheck(RECEIVED, at, identity, identityReason, null, newReport);
        }
    }

    /** The report as staff read it; the exact values next to the formatted ones. */
    record CreditSummary(
            BigDecimal riskPercent,
            String risk,
            Long recommendedCreditSek,
            String recommendedCredit,
            Long yearlyIncomeSek,
            String yearlyIncome,
            int paymentRemarks,
            long paymentRemarksSumSek,
            String paymentRemarksSum,
            int recentInquiries) {

        static CreditSummary of(CreditReport report) {
            return new CreditSummary(
                    report.riskPercent(),
                    SwedishFormat.percent(report.riskPercent()),
                    report.recommendedCreditSek(),
                    report.recommendedCreditSek() == null ? null : SwedishFormat.kronor(report.recommendedCreditSek()),
                    report.yearlyIncomeSek(),
                    report.yearlyIncomeSek() == null ? null : SwedishFormat.kronor(report.yearlyIncomeSek()),
                    report.paymentRemarks(),
                    report.paymentRemarksSumSek(),
                    SwedishFormat.kronor(report.paymentRemarksSumSek()),
                    report.recentInquiries());
        }
    }

    /** The checks after a change to one party (a party never checked starts as nothing). */
    static CaseChecks change(CaseChecks before, Party party, UnaryOperator<PartyCheck> change) {
        PartyCheck applicant = before == null ? null : before.applicant();
        PartyCheck coApplicant = before == null ? null : before.coApplicant();
        if (party == Party.APPLICANT) {
            applicant = change.apply(applicant);
        } else {
            coApplicant = change.apply(coApplicant);
        }
        PartyCheck[] parties = {applicant, coApplicant};
        String status = PRECEDENCE.stream()
                .filter(s -> Stream.of(parties).anyMatch(p -> p != null && s.equals(p.status())))
                .findFirst()
                .orElse(null);
        return new CaseChecks(status, applicant, coApplicant);
    }

    /** The earliest {@code since} of the parties whose status is one of {@code statuses}, or null. */
    @JsonIgnore
    Instant earliestIn(List<String> statuses) {
        return Stream.of(applicant, coApplicant)
                .filter(p -> p != null && statuses.contains(p.status()))
                .map(PartyCheck::since)
                .min(Instant::compareTo)
                .orElse(null);
    }
}
