package se.caseflow.faultsuite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Promises by fault phase: how many things each promise was checked on, and which of them broke it. Printed as the
 * table in docs/reliability.md.
 */
final class Verdicts {

    static final String ALL = "whole run";

    private record Cell(int[] checked, List<String> broken) {}

    private final List<String> promises;
    private final List<String> phases;
    private final Map<String, Cell> cells = new LinkedHashMap<>();

    Verdicts(List<String> promises, List<String> phases) {
        this.promises = promises;
        this.phases = phases;
    }

    /** One thing {@code promise} was checked on, in {@code phase}; {@code broken} says how it broke, or is null. */
    void check(String promise, String phase, String broken) {
        if (!promises.contains(promise)) {
            throw new IllegalArgumentException("unknown promise " + promise);
        }
        Cell cell = cells.computeIfAbsent(promise + "|" + phase, k -> new Cell(new int[1], new ArrayList<>()));
        cell.checked()[0]++;
        if (broken != null) {
            cell.broken().add(broken);
        }
    }

    boolean allKept() {
        return cells.values().stream().allMatch(c -> c.broken().isEmpty());
    }

    /** The table (Markdown), then up to five examples of each broken cell. */
    String table() {
        List<String> rows = new ArrayList<>(phases);
        if (cells.keySet().stream().anyMatch(k -> k.endsWith("|" + ALL))) {
            rows.add(ALL);
        }
        StringBuilder out = new StringBuilder("| fault phase |");
        promises.forEach(p -> out.append(' ').append(p).append(" |"));
        out.append("\n|---|");
        promises.forEach(p -> out.append("---|"));
        out.append('\n');
        for (String phase : rows) {
            out.append("| ").append(phase).append(" |");
            for (String promise : promises) {
                Cell cell = cells.get(promise + "|" + phase);
                out.append(' ')
                        .append(
                                cell == null
                                        ? "-"
                                        : cell.broken().isEmpty()
                                                ? "ok " + cell.checked()[0]
                                                : "**FAIL " + cell.broken().size() + "/" + cell.checked()[0] + "**")
                        .append(" |");
            }
            out.append('\n');
        }
        cells.forEach((key, cell) -> {
            if (!cell.broken().isEmpty()) {
                out.append("\n").append(key.replace("|", " in ")).append(":\n");
                cell.broken().stream()
                        .limit(5)
                        .forEach(b -> out.append("  - ").append(b).append('\n'));
            }
        });
        return out.toString();
    }
}
