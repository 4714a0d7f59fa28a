package se.caseflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a fixed number of operations on a fixed number of client threads, closed loop. */
final class LoadRunner {

    interface Operation {
        void run(int sequence) throws Exception;
    }

    private LoadRunner() {}

    static LatencyRecorder.Result run(String name, int operations, int threads, Operation operation) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(operations);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = sequence.getAndIncrement(); i < operations; i = sequence.getAndIncrement()) {
                        long began = System.nanoTime();
                        operation.run(i);
                        recorder.record(System.nanoTime() - began);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return recorder.summarise(name, System.nanoTime() - start);
    }
}
