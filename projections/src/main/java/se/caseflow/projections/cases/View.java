package se.caseflow.projections.cases;

import java.time.Instant;
import java.util.function.Function;
import se.caseflow.projections.format.SwedishFormat;

/**
 * A list of cases kept as a Redis sorted set (member = case id, score = epoch millis), maintained with
 * one ZADD/ZREM per change, never rewritten. A view is a rule from the case document to the instant that
 * ranks the case in it, or {@code null} when the case is not a member. A daily view keeps one set per
 * Europe/Stockholm date of that instant: {@code view/<name>/<yyyy-MM-dd>}; the others {@code view/<name>}.
 */
record View(String name, boolean daily, Function<CaseDocument, Instant> rule) {

    static View whole(String name, Function<CaseDocument, Instant> rule) {
        return new View(name, false, rule);
    }

    static View daily(String name, Function<CaseDocument, Instant> rule) {
        return new View(name, true, rule);
    }

    /** Where the case sits in this view, or {@code null}. */
    Placement placement(CaseDocument document) {
        Instant at = document == null ? null : rule.apply(document);
        if (at == null) {
            return null;
        }
        String key = "view/" + name + (daily ? "/" + SwedishFormat.day(at) : "");
        return new Placement(key, at.toEpochMilli());
    }

    record Placement(String key, long score) {}
}
