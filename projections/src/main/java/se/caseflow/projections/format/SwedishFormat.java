package se.caseflow.projections.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.caseflow.domain.api.IncomeBand;

/**
 * How people read money and time on the read side: {@code 150 000 kr}, {@code 2 345,67 kr}, {@code 5,95 %},
 * {@code 2026-11-25 14:05} in Europe/Stockholm. Plain spaces, so the bytes never depend on a locale.
 */
public final class SwedishFormat {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SwedishFormat() {}

    /** Whole kronor with a space between thousands: {@code 150 000 kr}. */
    public static String kronor(long amount) {
        return (amount < 0 ? "-" : "") + grouped(Math.abs(amount)) + " kr";
    }

    /** Whole öre as kronor with a decimal comma: {@code 234567} reads {@code 2 345,67 kr}. */
    public static String ore(long amount) {
        long abs = Math.abs(amount);
        return (amount < 0 ? "-" : "") + grouped(abs / 100) + "," + String.format(Locale.ROOT, "%02d", abs % 100)
                + " kr";
    }

    /** A value in percent as given, trailing zeros dropped: {@code 1.50} reads {@code 1,5 %}. */
    public static String percent(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',') + " %";
    }

    /** An interest rate with at least two decimals, as lenders print them: {@code 5.9} reads {@code 5,90 %}. */
    public static String rate(BigDecimal value) {
        BigDecimal exact = value.stripTrailingZeros();
        BigDecimal shown = exact.scale() < 2 ? exact.setScale(2, RoundingMode.UNNECESSARY) : exact;
        return shown.toPlainString().replace('.', ',') + " %";
    }

    /** A monthly gross income band: {@code 30 000–44 999 kr}. */
    public static String incomeBand(IncomeBand band) {
        return switch (band) {
            case UNDER_20000 -> "under 20 000 kr";
            case FROM_20000_TO_29999 -> "20 000–29 999 kr";
            case FROM_30000_TO_44999 -> "30 000–44 999 kr";
            case FROM_45000_TO_59999 -> "45 000–59 999 kr";
            case FROM_60000 -> "60 000 kr or more";
        };
    }

    public static String localTime(Instant at) {
        return LOCAL_TIME.format(at.atZone(STOCKHOLM));
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, STOCKHOLM);
    }

    private static String grouped(long amount) {
        String digits = Long.toString(amount);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(' ');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }
}
