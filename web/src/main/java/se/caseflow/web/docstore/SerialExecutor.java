package se.caseflow.web.docstore;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/** Runs tasks one at a time, in order, on a shared worker pool: everything about one key is serialised. */
final class SerialExecutor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Scheduler workers;

    SerialExecutor(Scheduler workers) {
        this.workers = workers;
    }

    void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            workers.schedule(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Doc-store task failed", e);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
