package se.caseflow.projections.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import se.caseflow.domain.api.FollowUpScheduled;

/**
 * A follow-up on the staff case document: the Europe/Stockholm {@code date} staff picked, {@code dueAt} its start as
 * an instant, and once its deadline fired {@code due} with {@code dueSince}. Kept sorted by date, then id.
 */
record FollowUp(String followUpId, String date, Instant dueAt, String note, boolean due, Instant dueSince) {

    /** The next action's code while a follow-up is due. */
    static final String NEXT_ACTION = "FOLLOW_UP";

    private static final String LABEL = "Follow up";
    private static final Comparator<FollowUp> ORDER =
            Comparator.comparing(FollowUp::date).thenComparing(FollowUp::followUpId);

    /** {@code note}: the event's note as unwrapped. */
    static List<FollowUp> scheduled(List<FollowUp> before, FollowUpScheduled event, String note) {
        List<FollowUp> after = new ArrayList<>(before);
        after.removeIf(f -> f.followUpId().equals(event.followUpId()));
        after.add(new FollowUp(event.followUpId(), event.date(), Instant.parse(event.dueAt()), note, false, null));
        after.sort(ORDER);
        return List.copyOf(after);
    }

    static List<FollowUp> due(List<FollowUp> before, String followUpId, Instant at) {
        return before.stream()
                .map(f -> f.followUpId().equals(followUpId)
                        ? new FollowUp(f.followUpId(), f.date(), f.dueAt(), f.note(), true, at)
                        : f)
                .toList();
    }

    /** The label staff see when a follow-up with a note falls due; without a note just {@link #LABEL}. */
    static String label(String note) {
        return note == null || note.isBlank() ? LABEL : LABEL + ": " + note;
    }

    /** The follow-ups with their notes as a rebuild writes them once the applicant was erased. */
    static List<FollowUp> erasedNotes(List<FollowUp> followUps) {
        return followUps.stream()
                .map(f -> f.note() == null
                        ? f
                        : new FollowUp(
                                f.followUpId(), f.date(), f.dueAt(), CaseProjection.ERASED, f.due(), f.dueSince()))
                .toList();
    }

    /** A follow-up next action whose label quotes a note, as a rebuild writes it once the applicant was erased. */
    static CaseDocument.NextAction erasedLabel(CaseDocument.NextAction next) {
        return next == null || !NEXT_ACTION.equals(next.code()) || LABEL.equals(next.label())
                ? next
                : new CaseDocument.NextAction(next.code(), label(CaseProjection.ERASED), next.since());
    }
}
