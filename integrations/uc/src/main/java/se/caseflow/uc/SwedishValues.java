package se.caseflow.uc;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Values as UC writes them in Swedish: decimal comma ({@code 12,5 %}), spaces, no-break spaces or narrow
 * no-break spaces between thousands ({@code 1 234 567}), an optional leading minus. Anything else is an {@link
 * UnexpectedReplyException} naming the field and what it expects, never the value (it may be anything: a name).
 */
final class SwedishValues {

    private static final Pattern GROUPING = Pattern.compile("[ \\u00A0\\u202F]");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,3}(\\d{3})*(,\\d+)?|-?\\d+(,\\d+)?");
    private static final Pattern GROUPED =
            Pattern.compile("-?\\d{1,3}([ \\u00A0\\u202F]\\d{3})*(,\\d+)?|-?\\d+(,\\d+)?");

    private SwedishValues() {}

    /** {@code "12,5 %"}, {@code "12,5%"}, {@code "12,5"} -> 12.5; within 0..100. */
    static BigDecimal percent(UcField field, String raw) {
        String text = trimmed(field, raw);
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        BigDecimal value = decimal(field, text);
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, field);
        }
        return value;
    }

    /** A whole amount: {@code "1 234 567"}, {@code "150000"}, optionally followed by {@code kr}. */
    static long wholeAmount(UcField field, String raw) {
        String text = trimmed(field, raw);
        if (text.endsWith("kr")) {
            text = text.substring(0, text.length() - 2).strip();
        }
        BigDecimal value = decimal(field, text);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, field);
        }
    }

    /** A count: a whole number, not negative. */
    static int count(UcField field, String raw) {
        long value = wholeAmount(field, raw);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, field);
        }
        return (int) value;
    }

    private static BigDecimal decimal(UcField field, String text) {
        if (!GROUPED.matcher(text).matches()) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, field);
        }
        String plain = GROUPING.matcher(text).replaceAll("");
        if (!NUMBER.matcher(plain).matches()) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, field);
        }
        return new BigDecimal(plain.replace(',', '.'));
    }

    private static String trimmed(UcField field, String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new UnexpectedReplyException(UcFailure.BAD_VALUE, field);
        }
        return text;
    }
}
