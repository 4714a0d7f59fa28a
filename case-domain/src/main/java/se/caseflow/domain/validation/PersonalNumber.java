package se.caseflow.domain.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Swedish personal identity number (personnummer) or coordination number (samordningsnummer), checked
 * for shape, calendar date and check digit.
 */
public final class PersonalNumber {

    private static final String WHAT = "Swedish personal identity number";
    private static final Pattern SHAPE = Pattern.compile("(\\d{2})?(\\d{2})(\\d{2})(\\d{2})([-+]?)(\\d{3})(\\d)");
    private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[0-9+-]*");
    private static final int COORDINATION_DAY_OFFSET = 60;
    private static final int EARLIEST_YEAR = 1800;

    private final String normalised;
    private final LocalDate birthDate;
    private final boolean coordinationNumber;

    private PersonalNumber(String normalised, LocalDate birthDate, boolean coordinationNumber) {
        this.normalised = normalised;
        this.birthDate = birthDate;
        this.coordinationNumber = coordinationNumber;
    }

    /**
     * Parses {@code YYMMDD-NNNC}, {@code YYMMDD+NNNC}, {@code YYMMDDNNNC}, {@code YYYYMMDDNNNC} or {@code
     * YYYYMMDD-NNNC}. For the 10-digit forms '-' or no separator means the person is younger than 100 at
     * {@code today}, '+' that the person is 100 or older.
     *
     * @throws IllegalArgumentException naming what is wrong (never quoting the input)
     */
    public static PersonalNumber parse(String input, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (input == null || input.isEmpty()) {
            throw invalid("no value given");
        }
        if (!ALLOWED_CHARACTERS.matcher(input).matches()) {
            throw invalid("it may contain only digits and a '-' or '+' before the last four digits");
        }
        Matcher m = SHAPE.matcher(input);
        if (!m.matches()) {
            long digits = input.chars().filter(Character::isDigit).count();
            if (digits != 10 && digits != 12) {
                throw invalid("it must have 10 digits (YYMMDD-NNNC) or 12 digits (YYYYMMDDNNNC), not " + digits);
            }
            throw invalid("a '-' or '+' may only stand right before the last four digits");
        }
        String century = m.group(1);
        int yy = Integer.parseInt(m.group(2));
        int month = Integer.parseInt(m.group(3));
        int rawDay = Integer.parseInt(m.group(4));
        String separator = m.group(5);
        String birthNumber = m.group(6);
        int checkDigit = m.group(7).charAt(0) - '0';

        if (month < 1 || month > 12) {
            throw invalid("the month must be 01 to 12");
        }
        boolean coordination = rawDay > COORDINATION_DAY_OFFSET;
        int day = coordination ? rawDay - COORDINATION_DAY_OFFSET : rawDay;
        if (day < 1 || day > 31) {
            throw invalid("the day must be 01 to 31, or 61 to 91 for a coordination number");
        }

        int year;
        if (century != null) {
            if (separator.equals("+")) {
                throw invalid("'+' is only used with the 10-digit form");
            }
            year = Integer.parseInt(century) * 100 + yy;
            if (year < EARLIEST_YEAR) {
                throw invalid("the year of birth must be " + EARLIEST_YEAR + " or later");
            }
        } else {
            LocalDate reference = separator.equals("+") ? today.minusYears(100) : today;
            year = latestYearNotAfter(reference, yy, month, day);
        }

        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw invalid("the date of birth is not a valid calendar date");
        }
        if (birthDate.isAfter(today)) {
            throw invalid("the date of birth is in the future");
        }

        String withoutCheckDigit = m.group(2) + m.group(3) + m.group(4) + birthNumber;
        if (luhnCheckDigit(withoutCheckDigit) != checkDigit) {
            throw invalid("check digit does not match");
        }
        String normalised = String.format(Locale.ROOT, "%04d", year) + withoutCheckDigit.substring(2) + checkDigit;
        return new PersonalNumber(normalised, birthDate, coordination);
    }

    /** The latest year ending in {@code yy} in which month/day is not after {@code reference}. */
    private static int latestYearNotAfter(LocalDate reference, int yy, int month, int day) {
        int year = reference.getYear() - Math.floorMod(reference.getYear() - yy, 100);
        boolean laterThisYear = month > reference.getMonthValue()
                || (month == reference.getMonthValue() && day > reference.getDayOfMonth());
        return year == reference.getYear() && laterThisYear ? year - 100 : year;
    }

    /** Luhn over YYMMDDNNN, weights 2,1,2,...; the digits of each product are summed. */
    private static int luhnCheckDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < nineDigits.length(); i++) {
            int product = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product / 10 + product % 10;
        }
        return (10 - sum % 10) % 10;
    }

    private static InvalidValueException invalid(String reason) {
        return new InvalidValueException(WHAT, reason);
    }

    /** Twelve digits, {@code YYYYMMDDNNNC}; a coordination number keeps its day + 60. */
    public String normalised() {
        return normalised;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** True for a samordningsnummer (day of birth + 60). */
    public boolean isCoordinationNumber() {
        return coordinationNumber;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonalNumber other && normalised.equals(other.normalised);
    }

    @Override
    public int hashCode() {
        return normalised.hashCode();
    }

    @Override
    public String toString() {
        return "PersonalNumber[personal data withheld]";
    }
}
