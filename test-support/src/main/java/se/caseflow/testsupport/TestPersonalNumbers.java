package se.caseflow.testsupport;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Valid, distinct, fictitious personnummer for load and tests: Luhn-correct, born 1950-1979. */
public final class TestPersonalNumbers {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

    private TestPersonalNumbers() {}

    /** The n-th of up to 10,950,000 distinct numbers, as {@code yyyyMMdd-NNNC}. */
    public static String of(int n) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n / 1000 % 10_950);
        String nineDigits = birth.format(YYYYMMDD).substring(2) + "%03d".formatted(n % 1000);
        return birth.format(YYYYMMDD) + "-" + nineDigits.substring(6) + luhn(nineDigits);
    }

    private static int luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }
}
