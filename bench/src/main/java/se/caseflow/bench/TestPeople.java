package se.caseflow.bench;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Valid, distinct (fictitious) personal numbers and matching OpenCase bodies for load. */
final class TestPeople {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

    private TestPeople() {}

    /** The n-th of up to 10,950,000 distinct valid personal numbers born 1950-1979. */
    static String personalNumber(int n) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n / 1000 % 10_950);
        String nineDigits = birth.format(YYMMDD).substring(2) + "%03d".formatted(n % 1000);
        return birth.format(YYMMDD) + "-" + nineDigits.substring(6) + luhn(nineDigits);
    }

    private static int luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    static String openCase(int n) {
        return """
                {"applicant": {"personalNumber": "%s", "firstName": "Test", "lastName": "Person %d",
                  "mobilePhone": "070-174 06 %02d", "email": "person%d@example.se",
                  "address": {"street": "Storgatan %d", "postalCode": "111 22", "city": "Stockholm"}},
                 "loan": {"amountSek": %d, "termMonths": 60, "purpose": "CONSOLIDATION"},
                 "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}
                """.formatted(personalNumber(n), n, 5 + n % 95, n, 1 + n % 200, 20_000 + n % 500 * 1000);
    }
}
