package se.caseflow.web.ops;

import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** A task run on the ops workers at a fixed interval, started once, until closed; a late tick is dropped. */
final class Ticks implements AutoCloseable {

    private Disposable ticks;

    synchronized void start(Duration delay, Duration interval, Scheduler workers, Runnable task) {
        if (ticks != null) {
            return;
        }
        ticks = Flux.interval(delay, interval, workers).onBackpressureDrop().subscribe(tick -> task.run());
    }

    @Override
    public synchronized void close() {
        if (ticks != null) {
            ticks.dispose();
        }
    }
}
