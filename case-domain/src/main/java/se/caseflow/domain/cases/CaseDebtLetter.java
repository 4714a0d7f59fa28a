package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonBackReference;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.MarkDebtLetterReminderDue;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.RecordDebtLetterSigned;
import se.caseflow.domain.api.RecordPayout;
import se.caseflow.domain.api.SendDebtLetter;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.cases.BiddingDeadlines.ReminderDue;

/**
 * The debt letter (skuldebrev) of one case: sent once, for the accepted offer; reminded every few days, up to the
 * policy's number, until it is signed; signed once; paid out only when signed, which closes the case. A part of the
 * {@link Case} aggregate; the accepted offer is the bidding's ({@link CaseBidding}).
 */
class CaseDebtLetter {

    enum Letter {
        NOT_SENT,
        SENT,
        SIGNED
    }

    @JsonBackReference
    private Case owner;

    private Letter letter = Letter.NOT_SENT;
    private int remindersDue;

    /** For a snapshot; the case links itself back in. */
    CaseDebtLetter() {}

    CaseDebtLetter(Case owner) {
        this.owner = owner;
    }

    @CommandHandler
    void handle(SendDebtLetter command, BiddingPolicy policy, Clock clock, DeadlineManager deadlines) {
        String caseId = owner.id();
        owner.requireOpen("send a debt letter on");
        String partner = owner.acceptedPartner();
        if (partner == null) {
            throw new CaseRuleViolation("no-accepted-offer", "Case " + caseId + " has no accepted offer");
        }
        if (letter != Letter.NOT_SENT) {
            throw new CaseRuleViolation(
                    "debt-letter-already-sent", "The debt letter of case " + caseId + " was sent before");
        }
        Instant remindAt = scheduleReminder(1, policy, clock.instant(), deadlines);
        apply(new DebtLetterSent(caseId, partner, remindAt == null ? null : remindAt.toString()));
    }

    /**
     * Sent when a reminder's deadline fires ({@link CaseDeadlines}); schedules the next reminder, if any. A letter
     * signed, a case closed, or this reminder recorded before (a second firing) records nothing.
     */
    @CommandHandler
    void handle(MarkDebtLetterReminderDue command, BiddingPolicy policy, Clock clock, DeadlineManager deadlines) {
        int reminder = command.reminder();
        if (owner.closed() || letter != Letter.SENT || reminder <= remindersDue) {
            return;
        }
        Instant next = scheduleReminder(reminder + 1, policy, clock.instant(), deadlines);
        apply(new DebtLetterReminderDue(owner.id(), reminder, next == null ? null : next.toString()));
    }

    private Instant scheduleReminder(int reminder, BiddingPolicy policy, Instant now, DeadlineManager deadlines) {
        if (reminder > policy.reminders()) {
            return null;
        }
        Instant at = now.plus(policy.reminderAfter());
        deadlines.schedule(at, BiddingDeadlines.REMINDER, ReminderDue.of(owner.id(), reminder));
        return at;
    }

    @CommandHandler
    void handle(RecordDebtLetterSigned command, DeadlineManager deadlines) {
        owner.requireOpen("record a signed debt letter on");
        requireLetterSent();
        if (letter == Letter.SIGNED) {
            throw new CaseRuleViolation(
                    "debt-letter-already-signed", "The debt letter of case " + owner.id() + " was signed before");
        }
        deadlines.cancelAllWithinScope(BiddingDeadlines.REMINDER);
        apply(new DebtLetterSigned(owner.id()));
    }

    @CommandHandler
    void handle(RecordPayout command) {
        String caseId = owner.id();
        owner.requireOpen("record a payout on");
        requireLetterSent();
        if (letter != Letter.SIGNED) {
            throw new CaseRuleViolation(
                    "debt-letter-not-signed", "The debt letter of case " + caseId + " is not signed");
        }
        apply(new PaidOut(caseId, owner.acceptedPartner(), command.amountSek()));
        apply(new CaseClosed(caseId, CloseReason.PAID_OUT, null));
    }

    private void requireLetterSent() {
        if (owner.acceptedPartner() == null) {
            throw new CaseRuleViolation("no-accepted-offer", "Case " + owner.id() + " has no accepted offer");
        }
        if (letter == Letter.NOT_SENT) {
            throw new CaseRuleViolation(
                    "debt-letter-not-sent", "The debt letter of case " + owner.id() + " was not sent");
        }
    }

    @EventSourcingHandler
    void on(DebtLetterSent event) {
        letter = Letter.SENT;
    }

    @EventSourcingHandler
    void on(DebtLetterReminderDue event) {
        remindersDue = event.reminder();
    }

    @EventSourcingHandler
    void on(DebtLetterSigned event) {
        letter = Letter.SIGNED;
    }
}
