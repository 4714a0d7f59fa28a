package se.caseflow.projections.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How staff read money and time: {@code 150 000 kr}, {@code 2026-11-25 14:05} in Europe/Stockholm. */
final class SwedishFormat {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SwedishFormat() {}

    /** Whole kronor with a space between thousands (a plain space, so the bytes never depend on a locale). */
    static String kronor(long amount) {
        String digits = Long.toString(Math.abs(amount));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(' ');
            }
            grouped.append(digits.charAt(i));
        }
        return (amount < 0 ? "-" : "") + grouped + " kr";
    }

    static String localTime(Instant at) {
        return LOCAL_TIME.format(at.atZone(STOCKHOLM));
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, STOCKHOLM);
    }
}
