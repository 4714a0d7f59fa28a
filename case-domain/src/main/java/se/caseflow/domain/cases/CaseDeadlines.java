package se.caseflow.domain.cases;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseBidding;
import se.caseflow.domain.api.MarkDebtLetterReminderDue;
import se.caseflow.domain.api.MarkFollowUpDue;
import se.caseflow.domain.cases.BiddingDeadlines.ReminderDue;
import se.caseflow.domain.cases.BiddingDeadlines.WindowCloses;
import se.caseflow.domain.gate.InternalCommands;

/**
 * The deadlines the {@link Case} schedules in its own scope (the bidding window, the debt-letter reminders, the
 * follow-ups), handled outside the aggregate. Promise: a deadline fired more than once (two nodes, or db-scheduler
 * picking its row again after a crash) is one effect and gets the first answer.
 *
 * <p>How: each firing is turned into the case's command ({@link CloseBidding}, {@link MarkDebtLetterReminderDue},
 * {@link MarkFollowUpDue}) and sent the one way, through {@link InternalCommands} (schema, key, the case's lock, the
 * collision retry, its own transaction), its trigger the deadline's stable id: the same firing makes the same key, and
 * after the key's retention the command's handler still records nothing twice. The aggregate is never loaded by the
 * firing itself (axon-config's {@code DeadlineScopes} sends a case's deadlines here alone), so the gate's command is
 * the only writer the firing brings. A refusal is the case's answer and ends the firing; a command the gate does not
 * take (its schema refuses it), a deadline this class does not know, a collision that outlasted the gate's attempts
 * or a database failure fails the firing, which db-scheduler runs again.
 */
@Component
class CaseDeadlines implements ScopeAware {

    private static final String AGGREGATE = Case.class.getSimpleName();

    private static final Logger log = LoggerFactory.getLogger(CaseDeadlines.class);

    private final InternalCommands commands;

    CaseDeadlines(InternalCommands commands) {
        this.commands = commands;
    }

    /** What a firing asks of the case, and the stable id of the deadline it answers to. */
    private record Due(String deadlineId, Object command) {}

    /** Every deadline in a case's scope is handled here, so the aggregate needs (and has) no deadline handler. */
    @Override
    public boolean canResolve(ScopeDescriptor scope) {
        return scope instanceof AggregateScopeDescriptor aggregate && AGGREGATE.equals(aggregate.getType());
    }

    @Override
    public void send(Message<?> message, ScopeDescriptor scope) {
        DeadlineMessage<?> deadline = (DeadlineMessage<?>) message;
        String caseId = ((AggregateScopeDescriptor) scope).getIdentifier().toString();
        Due due = due(caseId, deadline.getDeadlineName(), deadline.getPayload());
        try {
            commands.send(due.deadlineId(), due.command());
        } catch (CaseRuleViolation refused) {
            log.warn(
                    "Deadline {} of case {}: the case refused {}: {}",
                    due.deadlineId(),
                    caseId,
                    type(due),
                    refused.code());
        }
    }

    private static Due due(String caseId, String name, Object payload) {
        if (BiddingDeadlines.WINDOW.equals(name) && payload instanceof WindowCloses window) {
            return new Due(window.deadlineId(), new CloseBidding(caseId));
        }
        if (BiddingDeadlines.REMINDER.equals(name) && payload instanceof ReminderDue reminder) {
            return new Due(reminder.deadlineId(), new MarkDebtLetterReminderDue(caseId, reminder.reminder()));
        }
        String followUpPrefix = CaseFollowUps.deadlineId(caseId, "");
        if (CaseFollowUps.DEADLINE.equals(name)
                && payload instanceof String deadlineId
                && deadlineId.startsWith(followUpPrefix)) {
            return new Due(deadlineId, new MarkFollowUpDue(caseId, deadlineId.substring(followUpPrefix.length())));
        }
        throw new IllegalStateException("Case " + caseId + " has no deadline " + name + " with payload " + payload);
    }

    private static String type(Due due) {
        return due.command().getClass().getSimpleName();
    }
}
