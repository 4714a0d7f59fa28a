package se.caseflow.bench;

import se.caseflow.testsupport.TestPersonalNumbers;

/** Valid, distinct (fictitious) personal numbers and matching OpenCase bodies for load. */
final class TestPeople {

    private TestPeople() {}

    /** The n-th of up to 10,950,000 distinct valid personal numbers born 1950-1979. */
    static String personalNumber(int n) {
        return TestPersonalNumbers.of(n);
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
