package se.caseflow.domain.credit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.RejectIdentity;
import se.caseflow.domain.api.SkipCreditCheck;

/**
 * The identity check of an opened case, party by party. An identity check costs the applicant nothing, so
 * its results are recorded in the processor's own transaction: a crash before the commit repeats the check,
 * which is harmless (and cached). A trigger older than the limit checks nothing and skips the credit checks.
 */
public final class IdentityCheckProcedure {

    private static final Logger log = LoggerFactory.getLogger(IdentityCheckProcedure.class);

    private final IdentityCheckPort port;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration maxEventAge;

    public IdentityCheckProcedure(IdentityCheckPort port, CommandGateway commands, Clock clock, Duration maxEventAge) {
        this.port = port;
        this.commands = commands;
        this.clock = clock;
        this.maxEventAge = maxEventAge;
    }

    public void run(CaseOpened event, Instant openedAt) {
        Duration age = Duration.between(openedAt, clock.instant());
        boolean stale = age.compareTo(maxEventAge) > 0;
        check(event.caseId(), Party.APPLICANT, event.applicant(), stale, openedAt, age);
        if (event.coApplicant() != null) {
            check(event.caseId(), Party.CO_APPLICANT, event.coApplicant(), stale, openedAt, age);
        }
    }

    private void check(
            String caseId, Party party, ProtectedApplicant person, boolean stale, Instant openedAt, Duration age) {
        if (stale) {
            log.warn(
                    "Identity and credit check of case {} {} skipped: opened {} ago (limit {})",
                    caseId,
                    party,
                    age,
                    maxEventAge);
            send(new SkipCreditCheck(
                    caseId,
                    party,
                    CreditCheckSkipReason.STALE_TRIGGER,
                    "case opened " + openedAt + " was " + age + " old when seen; limit " + maxEventAge));
            return;
        }
        IdentityCheckResult result;
        try {
            result = port.check(person);
        } catch (RuntimeException e) {
            result = new IdentityCheckResult.Rejected(
                    IdentityRejectionReason.CHECK_FAILED,
                    "identity check failed: " + e.getClass().getSimpleName());
        }
        if (result instanceof IdentityCheckResult.Rejected rejected) {
            send(new RejectIdentity(caseId, party, rejected.reason(), rejected.detail()));
        } else {
            send(new ConfirmIdentity(caseId, party, person.personalNumber()));
        }
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (CaseRuleViolation refused) {
            log.info("{} refused: {}", command.getClass().getSimpleName(), refused.getMessage());
        }
    }
}
