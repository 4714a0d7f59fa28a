package se.caseflow.domain.idempotency;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Subject cases in memory, for the domain's tests: what was recorded, and which subjects' keys were forgotten. */
public final class RecordedSubjectCases implements SubjectCases {

    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private final List<String> forgotten = new CopyOnWriteArrayList<>();

    @Override
    public void record(String caseId, String subject) {
        recorded.add(caseId + " " + subject);
    }

    @Override
    public int forgetKeys(String subject) {
        forgotten.add(subject);
        recorded.removeIf(entry -> entry.endsWith(" " + subject));
        return 0;
    }

    /** Each record as {@code "<caseId> <subject>"}. */
    public Set<String> recorded() {
        return Set.copyOf(recorded);
    }

    /** The subjects whose keys were forgotten, in order. */
    public List<String> forgotten() {
        return List.copyOf(forgotten);
    }
}
