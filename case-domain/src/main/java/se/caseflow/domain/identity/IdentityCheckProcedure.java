package se.caseflow.domain.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import se.caseflow.domain.gate.InternalCommands;

/**
 * The identity check of an opened case, party by party, each result committed through {@link InternalCommands}
 * before the next party is checked. An identity check costs the applicant nothing: a crash before a result is
 * recorded repeats the check, which is harmless (and cached), and a result recorded before is answered again by
 * its key or refused by the case. A trigger older than the limit checks nothing and skips the credit checks.
 */
public final class IdentityCheckProcedure {

    private static final Logger log = LoggerFactory.getLogger(IdentityCheckProcedure.class);

    private final IdentityCheckPort port;
    private final InternalCommands commands;
    private final Clock clock;
    private final Duration maxEventAge;

    public IdentityCheckProcedure(
            IdentityCheckPort port, InternalCommands commands, Clock clock, Duration maxEventAge) {
        this.port = port;
        this.commands = commands;
        this.clock = clock;
        this.maxEventAge = maxEventAge;
    }

    /** Checks the parties of the case {@code event} opened; {@code triggerId} is that event's identifier. */
    public void run(String triggerId, CaseOpened event, Instant openedAt) {
        Duration age = Duration.between(openedAt, clock.instant());
        boolean stale = age.compareTo(maxEventAge) > 0;
        check(triggerId, event.caseId(), Party.APPLICANT, event.applicant(), stale, openedAt, age);
        if (event.coApplicant() != null) {
            check(triggerId, event.caseId(), Party.CO_APPLICANT, event.coApplicant(), stale, openedAt, age);
        }
    }

    private void check(
            String triggerId,
            String caseId,
            Party party,
            ProtectedApplicant person,
            boolean stale,
            Instant openedAt,
            Duration age) {
        if (stale) {
            log.warn(
                    "Identity and credit check of case {} {} skipped: opened {} ago (limit {})",
                    caseId,
                    party,
                    age,
                    maxEventAge);
            send(
                    triggerId,
                    new SkipCreditCheck(
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
            send(triggerId, new RejectIdentity(caseId, party, rejected.reason(), rejected.detail()));
        } else {
            send(triggerId, new ConfirmIdentity(caseId, party, person.personalNumber()));
        }
    }

    private void send(String triggerId, Object command) {
        try {
            commands.send(triggerId, command);
        } catch (CaseRuleViolation refused) {
            log.info("{} refused: {}", command.getClass().getSimpleName(), refused.getMessage());
        }
    }
}
