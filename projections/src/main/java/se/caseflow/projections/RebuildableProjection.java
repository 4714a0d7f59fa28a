package se.caseflow.projections;

import java.util.List;
import se.caseflow.projections.store.ProjectionStore;

/**
 * A projection that can be rebuilt without downtime: its live processor writes the serving generation of Redis
 * keys, and a twin processor of the same handlers (never started by itself) builds a new generation from the
 * start of the event stream while the old one keeps serving. The ops side drives it: {@link #prepare} a new
 * generation, run the twin until it has caught up, hand its position to the live processor, {@link #switchTo}
 * it, then {@link #drop} the old one. Only projections made like this can be rebuilt; sagas and the
 * UC/SMS/Kafka processors never are.
 */
public final class RebuildableProjection {

    private final String processor;
    private final String rebuildProcessor;
    private final ProjectionStore serving;
    private final List<String> ownedKeys;
    private volatile ProjectionStore target;

    public RebuildableProjection(
            String processor, String rebuildProcessor, ProjectionStore serving, List<String> ownedKeys) {
        this.processor = processor;
        this.rebuildProcessor = rebuildProcessor;
        this.serving = serving;
        this.ownedKeys = List.copyOf(ownedKeys);
    }

    /** The live processor, writing the serving generation. */
    public String processor() {
        return processor;
    }

    /** The twin processor that builds a new generation. */
    public String rebuildProcessor() {
        return rebuildProcessor;
    }

    public long servingGeneration() {
        return serving.servingGeneration();
    }

    /** Empties {@code generation} (left from an interrupted rebuild, say) and points the twin at it. */
    public long prepare(long generation) {
        long deleted = serving.deleteAll(generation, ownedKeys);
        target = serving.generation(generation);
        return deleted;
    }

    /** The store the twin writes: the generation last prepared. */
    public ProjectionStore target() {
        ProjectionStore store = target;
        if (store == null) {
            throw new IllegalStateException("No rebuild of " + processor + " was prepared");
        }
        return store;
    }

    /** Makes the generation the one readers see, and tells every node. */
    public void switchTo(long generation) {
        serving.switchTo(generation);
    }

    /** Whether Redis still holds what this projection wrote (it lost it when it came back without its data). */
    public boolean readSidePresent() {
        return serving.holdsReadSide();
    }

    /** Marks an empty read side as this Redis's own (nothing applied yet, so nothing can be missing). */
    public boolean markReadSide() {
        return serving.markReadSide();
    }

    /** Deletes a generation's keys; returns how many went. */
    public long drop(long generation) {
        return serving.deleteAll(generation, ownedKeys);
    }
}
