package se.caseflow.projections;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Change notices in the order Redis delivered them. One channel keeps its order, so once the notice of a later
 * write (a barrier) has arrived, every notice published before that write has arrived too: "no notice" is then a
 * fact, not a hope that a sleep was long enough.
 */
public final class Notices implements Consumer<String> {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String notice) {
        received.add(notice);
    }

    /** Waits for the first notice {@code barrier} matches and answers every notice that arrived before it. */
    public List<String> before(Predicate<String> barrier) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (true) {
            List<String> now = List.copyOf(received);
            for (int i = 0; i < now.size(); i++) {
                if (barrier.test(now.get(i))) {
                    return now.subList(0, i);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No barrier notice within " + HANG_GUARD + "; received " + now);
            }
            Thread.sleep(10);
        }
    }
}
