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

    /** Whole kronor from a document: {@code 150 000 kr}. */
    public String kronor(Object value) {
        return value instanceof Number amount ? grouped(amount.longValue()) + " kr" : EMPTY;
    }

    /** Öre from a document as kronor with öre: {@code 234567} is {@code 2 345,67 kr}. */
    public String ore(Object value) {
        if (!(value instanceof Number amount)) {
            return EMPTY;
        }
        long ore = amount.longValue();
        return (ore < 0 ? "-" : "") + grouped(Math.abs(ore) / 100) + "," + String.format("%02d", Math.abs(ore) % 100)
                + " kr";
    }

    /** A percentage as written (a number or a decimal string): {@code 5.95} is {@code 5,95 %}. */
    public String percent(Object value) {
        return value == null || value.toString().isEmpty()
                ? EMPTY
                : value.toString().replace('.', ',') + " %";
    }

    /** An income band ({@code se.caseflow.domain.api.IncomeBand}) as a range of monthly gross income. */
    public String incomeBand(Object band) {
        if (band == null) {
            return EMPTY;
        }
        return switch (band.toString()) {
            case "UNDER_20000" -> "under 20 000 kr";
            case "FROM_20000_TO_29999" -> "20 000–29 999 kr";
            case "FROM_30000_TO_44999" -> "30 000–44 999 kr";
            case "FROM_45000_TO_59999" -> "45 000–59 999 kr";
            case "FROM_60000" -> "60 000 kr or more";
            default -> band.toString();
        };
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

    private static String grouped(long amount) {
        String digits = Long.toString(Math.abs(amount));
        StringBuilder grouped = new StringBuilder(amount < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(' ');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }
}
