package se.caseflow.uc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Values as UC writes them in Swedish: decimal comma ({@code 12,5 %}), spaces, no-break spaces or narrow
 * no-break spaces between thousands ({@code 1 234 567}), an optional leading minus, dates as
 * {@code 2026-11-25} or {@code 20261125}. Anything else is an {@link UnexpectedReplyException}.
 */
final class SwedishValues {

    private static final Pattern GROUPING = Pattern.compile("[ \\u00A0\\u202F]");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,3}(\\d{3})*(,\\d+)?|-?\\d+(,\\d+)?");
    private static final Pattern GROUPED =
            Pattern.compile("-?\\d{1,3}([ \\u00A0\\u202F]\\d{3})*(,\\d+)?|-?\\d+(,\\d+)?");
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private SwedishValues() {}

    /** {@code "12,5 %"}, {@code "12,5%"}, {@code "12,5"} -> 12.5; within 0..100. */
    static BigDecimal percent(String code, String raw) {
        String text = trimmed(code, raw);
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        BigDecimal value = decimal(code, text, "a percentage");
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new UnexpectedReplyException(code + " is not a percentage between 0 and 100: '" + raw + "'");
        }
        return value;
    }

    /** A whole amount: {@code "1 234 567"}, {@code "150000"}, optionally followed by {@code kr}. */
    static long wholeAmount(String code, String raw) {
        String text = trimmed(code, raw);
        if (text.endsWith("kr")) {
            text = text.substring(0, text.length() - 2).strip();
        }
        BigDecimal value = decimal(code, text, "an amount");
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnexpectedReplyException(code + " is not a whole amount: '" + raw + "'", e);
        }
    }

    /** A count: a whole number, not negative. */
    static int count(String code, String raw) {
        long value = wholeAmount(code, raw);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new UnexpectedReplyException(code + " is not a count: '" + raw + "'");
        }
        return (int) value;
    }

    static LocalDate date(String code, String raw) {
        String text = trimmed(code, raw);
        try {
            return text.length() == 8 ? LocalDate.parse(text, COMPACT_DATE) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnexpectedReplyException(code + " is not a date (yyyy-MM-dd or yyyyMMdd): '" + raw + "'", e);
        }
    }

    private static BigDecimal decimal(String code, String text, String what) {
        if (!GROUPED.matcher(text).matches()) {
            throw new UnexpectedReplyException(code + " is not " + what + ": '" + text + "'");
        }
        String plain = GROUPING.matcher(text).replaceAll("");
        if (!NUMBER.matcher(plain).matches()) {
            throw new UnexpectedReplyException(code + " is not " + what + ": '" + text + "'");
        }
        return new BigDecimal(plain.replace(',', '.'));
    }

    private static String trimmed(String code, String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new UnexpectedReplyException(code + " is empty");
        }
        return text;
    }
}
