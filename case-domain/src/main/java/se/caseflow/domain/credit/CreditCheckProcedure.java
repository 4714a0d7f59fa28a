package se.caseflow.domain.credit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.MarkCreditCheckUnknown;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordCreditCheckFailure;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.SkipCreditCheck;

/**
 * One credit check of one party: refuse a stale trigger, reserve the check on the case (committed before
 * anything else happens), call UC once, record the answer. A reservation refused because one exists already
 * means an earlier attempt got that far and its outcome is lost: the case is marked unknown for a person,
 * and UC is not called. Nothing here retries UC.
 */
public final class CreditCheckProcedure {

    static final String ALREADY_RESERVED = "credit-check-already-reserved";

    private static final Logger log = LoggerFactory.getLogger(CreditCheckProcedure.class);

    private final CreditReportPort port;
    private final DetachedCommands commands;
    private final Clock clock;
    private final Duration maxEventAge;

    public CreditCheckProcedure(CreditReportPort port, DetachedCommands commands, Clock clock, Duration maxEventAge) {
        this.port = port;
        this.commands = commands;
        this.clock = clock;
        this.maxEventAge = maxEventAge;
    }

    /**
     * Runs the check for a trigger that happened at {@code triggeredAt}. Rule refusals end it quietly; a
     * failure to record (database down) propagates so that the processor delivers the trigger again, which
     * then finds the reservation and marks the outcome unknown.
     */
    public void run(String caseId, Party party, ProtectedValue personalNumber, Instant triggeredAt) {
        Duration age = Duration.between(triggeredAt, clock.instant());
        if (age.compareTo(maxEventAge) > 0) {
            log.warn(
                    "Credit check of case {} {} skipped: its trigger is {} old (limit {})",
                    caseId,
                    party,
                    age,
                    maxEventAge);
            conclude(
                    caseId,
                    party,
                    new SkipCreditCheck(
                            caseId,
                            party,
                            CreditCheckSkipReason.STALE_TRIGGER,
                            "trigger of " + triggeredAt + " was " + age + " old when seen; limit " + maxEventAge));
            return;
        }
        try {
            commands.send(new ReserveCreditCheck(caseId, party));
        } catch (CaseRuleViolation refused) {
            log.warn("Credit check of case {} {} not started: {}", caseId, party, refused.getMessage());
            if (ALREADY_RESERVED.equals(refused.code())) {
                markUnknown(caseId, party, "an earlier attempt reserved the check and its outcome was not recorded");
            }
            return;
        } catch (RuntimeException notReserved) {
            // e.g. another node reserving at the same moment, or no answer in time: UC must not be called
            log.warn(
                    "Credit check of case {} {} not started: {}",
                    caseId,
                    party,
                    notReserved.getClass().getSimpleName());
            markUnknown(
                    caseId,
                    party,
                    "the reservation's outcome was unclear: "
                            + notReserved.getClass().getSimpleName());
            return;
        }
        CreditReportOutcome outcome;
        try {
            outcome = port.fetch(personalNumber);
        } catch (RuntimeException e) {
            outcome = new CreditReportOutcome.Unknown(
                    "the UC call ended with " + e.getClass().getSimpleName());
        }
        if (outcome instanceof CreditReportOutcome.Received received) {
            conclude(caseId, party, new RecordCreditReport(caseId, party, received.report()));
        } else if (outcome instanceof CreditReportOutcome.Failed failed) {
            conclude(caseId, party, new RecordCreditCheckFailure(caseId, party, failed.reason()));
        } else {
            markUnknown(caseId, party, ((CreditReportOutcome.Unknown) outcome).reason());
        }
    }

    /**
     * Another node appended to the case at the same moment (e.g. the answer of a check it reserved): the
     * command is sent once more against the case as it now is, where the rules decide.
     */
    private void sendOnceMore(Object command) {
        try {
            commands.send(command);
        } catch (ConcurrencyException concurrent) {
            log.info(
                    "Case changed concurrently; sending {} once more",
                    command.getClass().getSimpleName());
            commands.send(command);
        }
    }

    private void markUnknown(String caseId, Party party, String reason) {
        conclude(caseId, party, new MarkCreditCheckUnknown(caseId, party, reason));
    }

    private void conclude(String caseId, Party party, Object command) {
        try {
            sendOnceMore(command);
        } catch (CaseRuleViolation refused) {
            if (command instanceof SkipCreditCheck && ALREADY_RESERVED.equals(refused.code())) {
                markUnknown(caseId, party, "a stale trigger found a reservation whose outcome was not recorded");
                return;
            }
            log.info(
                    "Case {} {} refused {}: {}",
                    caseId,
                    party,
                    command.getClass().getSimpleName(),
                    refused.getMessage());
        }
    }
}
