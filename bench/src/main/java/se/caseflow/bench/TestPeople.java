package se.caseflow.bench;

import se.caseflow.testsupport.TestPersonalNumbers;

/** Valid, distinct (fictitious) personal numbers and matching OpenCase bodies for load. */
final class TestPeople {

    private TestPeople() {}

    /** The n-th of up to 10,950,000 distinct valid personal numbers born 1950-1979. */
    static String personalNumber(int n) {
        return TestPersonalNumbers.of(n);
    }

    /** The mobile number of the n-th person, as typed in the form. */
    static String mobilePhone(int n) {
        return "070-174 06 %02d".formatted(5 + n % 95);
    }

    static String openCase(int n) {
        return """
                {"applicant": {"personalNumber": "%s", "firstName": "Test", "lastName": "Person %d",
                  "mobilePhone": "%s", "email": "person%d@example.se",
                  "address": {"street": "Storgatan %d", "postalCode": "111 22", "city": "Stockholm"}},
                 "loan": {"amountSek": %d, "termMonths": 60, "purpose": "CONSOLIDATION"},
                 "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}
                """.formatted(personalNumber(n), n, mobilePhone(n), n, 1 + n % 200, 20_000 + n % 500 * 1000);
    }
}
