package se.caseflow.testsupport;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;

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

    /**
     * The 1,000 personnummer of everyone born on {@code date} (serial numbers 000 to 999, each with its check
     * digit), 12 digits: what someone who knows a person's birth date has left to try.
     */
    public static List<String> bornOn(LocalDate date) {
        String birth = date.format(YYYYMMDD);
        return IntStream.range(0, 1000)
                .mapToObj(serial -> {
                    String nineDigits = birth.substring(2) + "%03d".formatted(serial);
                    return birth + nineDigits.substring(6) + luhn(nineDigits);
                })
                .toList();
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
