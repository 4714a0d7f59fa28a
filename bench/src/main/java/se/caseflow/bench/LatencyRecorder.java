package se.caseflow.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects one latency per operation (nanoseconds) from many threads and summarises them. */
final class LatencyRecorder {

    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();

    LatencyRecorder(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long elapsedNanos) {
        nanos[next.getAndIncrement()] = elapsedNanos;
    }

    Result summarise(String name, long wallNanos) {
        int count = next.get();
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double seconds = wallNanos / 1e9;
        return new Result(name, count, count / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Throughput in operations per second, latencies in milliseconds. */
    record Result(String name, int operations, double perSecond, double p50Millis, double p99Millis) {}
}
