package se.caseflow.domain.gate;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per case (striped) for all gates of a node, held until the command's transaction has committed.
 * Axon's own aggregate lock is released when its unit of work ends, before the gate's transaction commits; a
 * second command on the same case could then load the case without the first one's events and collide with them
 * (refused as {@code concurrent-change}, about one command in ten at full load). Two nodes can still collide.
 */
public final class CaseLocks {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public CaseLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(String caseId) {
        return stripes[Math.floorMod(caseId.hashCode(), STRIPES)];
    }
}
