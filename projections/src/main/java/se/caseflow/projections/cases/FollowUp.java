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
}
