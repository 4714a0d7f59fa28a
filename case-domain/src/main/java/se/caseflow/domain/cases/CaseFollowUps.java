package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonBackReference;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.MarkFollowUpDue;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ScheduleFollowUp;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * The follow-up rules of one case: each follow-up id once, a real date at most {@value #MAX_YEARS_AHEAD}
 * years ahead, due at the start of its day in Stockholm, and due once however often its deadline fires.
 * A part of the {@link Case} aggregate; one persistent deadline per follow-up, handled by {@link CaseDeadlines}.
 */
class CaseFollowUps {

    /** The name of the aggregate deadline that makes a follow-up due (through {@link CaseDeadlines}). */
    static final String DEADLINE = "follow-up-due";

    static final int MAX_YEARS_AHEAD = 2;

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter STRICT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    record FollowUp(String date, ProtectedValue note, boolean due) {}

    @JsonBackReference
    private Case owner;

    private final Map<String, FollowUp> followUps = new HashMap<>();

    /** For a snapshot; the case links itself back in. */
    CaseFollowUps() {}

    CaseFollowUps(Case owner) {
        this.owner = owner;
    }

    /** Schedules the follow-up's deadline in the case's scope, in the transaction of the event that expects it. */
    @CommandHandler
    void handle(ScheduleFollowUp command, Clock clock, DeadlineManager deadlines, PersonalDataVault vault) {
        String caseId = owner.id();
        owner.requireOpen("schedule a follow-up on");
        ProtectedValue note = owner.wrapText(vault, command.note());
        if (followUps.containsKey(command.followUpId())) {
            throw new CaseRuleViolation(
                    "follow-up-exists", "Case " + caseId + " already has a follow-up with id " + command.followUpId());
        }
        LocalDate date = parse(command.date());
        LocalDate latest = LocalDate.now(clock.withZone(STOCKHOLM)).plusYears(MAX_YEARS_AHEAD);
        if (date.isAfter(latest)) {
            throw new CaseRuleViolation(
                    "follow-up-too-far",
                    "A follow-up can be at most " + MAX_YEARS_AHEAD + " years ahead (" + latest + "), not "
                            + command.date());
        }
        Instant dueAt = dueAt(date);
        apply(new FollowUpScheduled(caseId, command.followUpId(), command.date(), dueAt.toString(), note));
        deadlines.schedule(dueAt, DEADLINE, deadlineId(caseId, command.followUpId()));
    }

    /** The stable id of a follow-up's deadline: the deadline's payload, whatever id the scheduler gives it. */
    static String deadlineId(String caseId, String followUpId) {
        return "follow-up:" + caseId + ":" + followUpId;
    }

    /**
     * Sent when the follow-up's deadline fires ({@link CaseDeadlines}), once per firing: a follow-up already due (its
     * deadline fired again, on this node or another), or one on a closed case, records nothing. A follow-up the case
     * does not have is refused.
     */
    @CommandHandler
    void handle(MarkFollowUpDue command) {
        if (owner.closed()) {
            return;
        }
        FollowUp followUp = followUps.get(command.followUpId());
        if (followUp == null) {
            throw new CaseRuleViolation(
                    "no-such-follow-up", "Case " + owner.id() + " has no follow-up with id " + command.followUpId());
        }
        if (!followUp.due()) {
            apply(new FollowUpDue(owner.id(), command.followUpId(), followUp.date(), followUp.note()));
        }
    }

    private static Instant dueAt(LocalDate date) {
        return date.atStartOfDay(STOCKHOLM).toInstant();
    }

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        followUps.put(event.followUpId(), new FollowUp(event.date(), event.note(), false));
    }

    @EventSourcingHandler
    void on(FollowUpDue event) {
        followUps.computeIfPresent(event.followUpId(), (id, f) -> new FollowUp(f.date(), f.note(), true));
    }

    private static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date, STRICT_DATE);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new CaseRuleViolation("follow-up-date", "date must be a real day as yyyy-MM-dd, not " + date);
        }
    }
}
