package se.caseflow.domain.cases;

import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.CustomTypeSafeMatcher;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;

/** What the case-rule tests start from and how they expect a refusal. */
final class CaseFixtures {

    static final ProtectedValue PNR = new ProtectedValue("token:pnr");

    private CaseFixtures() {}

    /** A case of 150 000 kr over 60 months on 42 000 kr a month, with tokens for personal data. */
    static CaseOpened opened(String caseId, boolean withCoApplicant) {
        ProtectedApplicant person = new ProtectedApplicant(
                "subject",
                PNR,
                new ProtectedValue("t"),
                new ProtectedValue("t"),
                new ProtectedValue("t"),
                new ProtectedValue("t"));
        return new CaseOpened(
                caseId,
                person,
                withCoApplicant ? person : null,
                new LoanRequest(150_000, 60, LoanPurpose.CONSOLIDATION),
                new Income(42_000, EmploymentType.PERMANENT));
    }

    /** The command was refused with {@code code} and nothing was applied. */
    static void refused(ResultValidator<Case> result, String code) {
        result.expectException(new CustomTypeSafeMatcher<CaseRuleViolation>("a CaseRuleViolation " + code) {
                    @Override
                    protected boolean matchesSafely(CaseRuleViolation violation) {
                        return violation.code().equals(code);
                    }
                })
                .expectNoEvents();
    }
}
