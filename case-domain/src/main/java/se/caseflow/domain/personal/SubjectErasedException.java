package se.caseflow.domain.personal;

import se.caseflow.domain.api.CaseRuleViolation;

/**
 * Refusal to wrap personal data under an erased subject: a new key would make what is wrapped under it readable
 * again under the erased person's id. The command that tried is refused with code {@value #CODE} and changes nothing.
 */
public final class SubjectErasedException extends CaseRuleViolation {

    public static final String CODE = "subject-erased";

    public SubjectErasedException(String subject) {
        super(CODE, "Subject " + subject + " was erased: no personal data is wrapped for them any more");
    }
}
