package se.caseflow.web.ops;

import java.util.Optional;
import java.util.TreeSet;

/**
 * The key rotation's read-side rebuild: every rebuildable projection in turn, through {@link Rebuilds} (so one node
 * at a time, ADR 0035), each waited for until done. A rebuild refused because one runs already is tried again once
 * that one has ended.
 */
final class RebuildsForKeyRotation implements KeyRotations.ReadSideRebuild {

    private static final long POLL_MILLIS = 200;

    private final Rebuilds rebuilds;

    RebuildsForKeyRotation(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public void rebuildAll(String requestedBy, String reason) throws InterruptedException {
        for (String processor : new TreeSet<>(rebuilds.replayable())) {
            String id = start(processor, requestedBy, reason);
            while (true) {
                Optional<Rebuilds.Progress> current = rebuilds.current();
                if (current.isPresent() && current.get().id().equals(id)) {
                    if (current.get().phase() == Rebuilds.Phase.DONE) {
                        break;
                    }
                    if (current.get().phase() == Rebuilds.Phase.FAILED) {
                        throw new IllegalStateException("the rebuild of " + processor + " failed: "
                                + current.get().error());
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private String start(String processor, String requestedBy, String reason) throws InterruptedException {
        while (true) {
            try {
                return rebuilds.start(processor, requestedBy, reason, false).id();
            } catch (Rebuilds.RefusedException e) {
                if (!e.code.equals("rebuild-running")) {
                    throw e;
                }
                Thread.sleep(POLL_MILLIS * 5);
            }
        }
    }
}
