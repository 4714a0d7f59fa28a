package se.caseflow.domain.creditreport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import se.caseflow.domain.gate.InternalCommands;

/**
 * One credit check of one party: refuse a stale trigger, reserve the check on the case (committed before
 * anything else happens, through {@link InternalCommands}), call UC once, record the answer. A reservation refused
 * because one exists already, or one this trigger made before (a redelivery gets the first answer back), means an
 * earlier attempt got that far and its outcome is lost: the case is marked unknown for a person, and UC is not
 * called. Nothing here retries UC.
 */
public final class CreditCheckProcedure {

    static final String ALREADY_RESERVED = "credit-check-already-reserved";

    private static final String EARLIER_ATTEMPT =
            "an earlier attempt reserved the check and its outcome was not recorded";

    private static final Logger log = LoggerFactory.getLogger(CreditCheckProcedure.class);

    private final CreditReportPort port;
    private final InternalCommands commands;
    private final Clock clock;
    private final Duration maxEventAge;

    public CreditCheckProcedure(CreditReportPort port, InternalCommands commands, Clock clock, Duration maxEventAge) {
        this.port = port;
        this.commands = commands;
        this.clock = clock;
        this.maxEventAge = maxEventAge;
    }

    /**
     * Runs the check for the trigger {@code triggerId} (the event's identifier) that happened at {@code triggeredAt}.
     * Rule refusals end it quietly; a failure to record (database down) propagates so that the processor delivers
     * the trigger again, which then finds the reservation and marks the outcome unknown.
     */
    public void run(String triggerId, String caseId, Party party, ProtectedValue personalNumber, Instant triggeredAt) {
        Check check = new Check(triggerId, caseId, party);
        Duration age = Duration.between(triggeredAt, clock.instant());
        if (age.compareTo(maxEventAge) > 0) {
            log.warn(
                    "Credit check of case {} {} skipped: its trigger is {} old (limit {})",
                    caseId,
                    party,
                    age,
                    maxEventAge);
            conclude(
                    check,
                    new SkipCreditCheck(
                            caseId,
                            party,
                            CreditCheckSkipReason.STALE_TRIGGER,
                            "trigger of " + triggeredAt + " was " + age + " old when seen; limit " + maxEventAge));
            return;
        }
        try {
            if (commands.send(triggerId, new ReserveCreditCheck(caseId, party)).replayed()) {
                log.warn("Credit check of case {} {} was reserved by this trigger before", caseId, party);
                markUnknown(check, EARLIER_ATTEMPT);
                return;
            }
        } catch (CaseRuleViolation refused) {
            log.warn("Credit check of case {} {} not started: {}", caseId, party, refused.getMessage());
            if (ALREADY_RESERVED.equals(refused.code())) {
                markUnknown(check, EARLIER_ATTEMPT);
            }
            return;
        } catch (RuntimeException notReserved) {
            // e.g. other writers to the case won every attempt, or no answer in time: UC must not be called
            log.warn(
                    "Credit check of case {} {} not started: {}",
                    caseId,
                    party,
                    notReserved.getClass().getSimpleName());
            markUnknown(
                    check,
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
            conclude(check, new RecordCreditReport(caseId, party, received.report()));
        } else if (outcome instanceof CreditReportOutcome.Failed failed) {
            conclude(check, new RecordCreditCheckFailure(caseId, party, failed.reason()));
        } else {
            markUnknown(check, ((CreditReportOutcome.Unknown) outcome).reason());
        }
    }

    private void markUnknown(Check check, String reason) {
        conclude(check, new MarkCreditCheckUnknown(check.caseId(), check.party(), reason));
    }

    private void conclude(Check check, Object command) {
        try {
            commands.send(check.triggerId(), command);
        } catch (CaseRuleViolation refused) {
            if (command instanceof SkipCreditCheck && ALREADY_RESERVED.equals(refused.code())) {
                markUnknown(check, "a stale trigger found a reservation whose outcome was not recorded");
                return;
            }
            log.info(
                    "Case {} {} refused {}: {}",
                    check.caseId(),
                    check.party(),
                    command.getClass().getSimpleName(),
                    refused.getMessage());
        }
    }

    /** One run: what triggered it, and whose check it is. */
    private record Check(String triggerId, String caseId, Party party) {}
}
