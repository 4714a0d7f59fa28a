package se.caseflow.web.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Formats for templates, the same as {@code static/js/docstore.js} writes for live updates: instants as
 * {@code 2026-11-25 14:05} in Europe/Stockholm (as the activity feed's {@code localTime}).
 */
final class PageFormat {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String EMPTY = "–";

    /** An ISO-8601 instant from a document, or "–" when absent. */
    public String time(Object instant) {
        if (instant == null || instant.toString().isBlank()) {
            return EMPTY;
        }
        try {
            return LOCAL_TIME.format(Instant.parse(instant.toString()).atZone(STOCKHOLM));
        } catch (DateTimeParseException e) {
            return instant.toString();
        }
    }

    /** A value from a document, or "–" when absent. */
    public String text(Object value) {
        return value == null || value.toString().isEmpty() ? EMPTY : value.toString();
    }

    /** A term in months: {@code 60 months}. */
    public String months(Object value) {
        return value == null ? EMPTY : value + " months";
    }

    /** A partner's outcome on a case, in Swedish as the partners read it: won, lost, or still pending. */
    public String outcome(Object outcome) {
        if (outcome == null) {
            return EMPTY;
        }
        return switch (outcome.toString()) {
            case "won" -> "Vunnen";
            case "lost" -> "Förlorad";
            case "pending" -> "Väntar";
            default -> outcome.toString();
        };
    }
}
