package se.caseflow.bench;

import java.io.IOException;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints results as a Markdown table, with each row's throughput as a ratio to the baseline row. */
final class Report {

    private Report() {}

    static void print(String title, List<LatencyRecorder.Result> results, LatencyRecorder.Result baseline) {
        table(title, results, baseline);
    }

    /** The same table without a baseline: every row's ratio column reads "-". */
    static void print(String title, List<LatencyRecorder.Result> results) {
        table(title, results, null);
    }

    private static void table(String title, List<LatencyRecorder.Result> results, LatencyRecorder.Result baseline) {
        System.out.println();
        System.out.println("### " + title);
        System.out.println();
        System.out.println("| what | ops | ops/s | p50 ms | p99 ms | ratio to baseline |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (LatencyRecorder.Result r : results) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %.2f | %.2f | %s |",
                    r.name(),
                    r.operations(),
                    r.perSecond(),
                    r.p50Millis(),
                    r.p99Millis(),
                    baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", r.perSecond() / baseline.perSecond())));
        }
        System.out.println();
    }

    static void memory(MemoryMXBean memory) {
        System.gc();
        long heapUsed = memory.getHeapMemoryUsage().getUsed();
        System.out.println(String.format(
                Locale.ROOT, "Memory: heap used after GC %.0f MB, process RSS %s", heapUsed / 1e6, residentSetSize()));
    }

    private static String residentSetSize() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.substring(6).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
