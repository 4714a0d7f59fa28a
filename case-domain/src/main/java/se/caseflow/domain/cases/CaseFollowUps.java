package se.caseflow.domain.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ScheduleFollowUp;

/**
 * The follow-up rules of one case: each follow-up id once, a real date at most {@value #MAX_YEARS_AHEAD}
 * years ahead, due at the start of its day in Stockholm, and due once however often its deadline fires.
 * Part of the {@link Case} aggregate's state (and its snapshots).
 */
class CaseFollowUps {

    /** The name of the aggregate deadline that makes a follow-up due (through {@link CaseDeadlines}). */
    static final String DEADLINE = "follow-up-due";

    static final int MAX_YEARS_AHEAD = 2;

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter STRICT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    record FollowUp(String date, ProtectedValue note, boolean due) {}

    private final Map<String, FollowUp> followUps = new HashMap<>();

    /** {@code note} is the command's note as wrapped by the case (null: none). */
    FollowUpScheduled schedule(String caseId, ScheduleFollowUp command, Clock clock, ProtectedValue note) {
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
        return new FollowUpScheduled(
                caseId, command.followUpId(), command.date(), dueAt(date).toString(), note);
    }

    /** The stable id of a follow-up's deadline: the deadline's payload, whatever id the scheduler gives it. */
    static String deadlineId(String caseId, String followUpId) {
        return "follow-up:" + caseId + ":" + followUpId;
    }

    /**
     * The due event of the follow-up, unless it is already due (its deadline fired again, on this node or another):
     * then nothing. A follow-up the case does not have is refused.
     */
    Optional<FollowUpDue> due(String caseId, String followUpId) {
        FollowUp followUp = followUps.get(followUpId);
        if (followUp == null) {
            throw new CaseRuleViolation(
                    "no-such-follow-up", "Case " + caseId + " has no follow-up with id " + followUpId);
        }
        if (followUp.due()) {
            return Optional.empty();
        }
        return Optional.of(new FollowUpDue(caseId, followUpId, followUp.date(), followUp.note()));
    }

    private static Instant dueAt(LocalDate date) {
        return date.atStartOfDay(STOCKHOLM).toInstant();
    }

    void on(FollowUpScheduled event) {
        followUps.put(event.followUpId(), new FollowUp(event.date(), event.note(), false));
    }

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
