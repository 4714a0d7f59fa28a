package se.caseflow.testsupport;

/**
 * Command bodies the tests send: Tolvan Tolvansson, Skatteverket's test person, with a number from PTS's range
 * for fiction ({@value #PHONE}), asking for 150,000 kronor over 60 months. One copy of the JSON for every test.
 */
public final class CommandPayloads {

    public static final String PERSONAL_NUMBER = "19121212-1212";
    public static final String PHONE = "070-174 06 05";
    public static final String EMAIL = "tolvan@example.se";

    private static final String OPEN_CASE = """
            {%s"applicant": {"personalNumber": "%s", "firstName": "%s", "lastName": "Tolvansson",
              "mobilePhone": "%s", "email": "%s",
              "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}},
             "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
             "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}
            """;

    private CommandPayloads() {}

    /** Tolvan's application; the gate names the case. */
    public static String openCase() {
        return openCase(PERSONAL_NUMBER, PHONE);
    }

    /** Tolvan's application under another personnummer (a person of a test's own). */
    public static String openCase(String personalNumber) {
        return openCase(personalNumber, PHONE);
    }

    /** Tolvan's application under another personnummer and mobile number. */
    public static String openCase(String personalNumber, String phone) {
        return openCase(null, personalNumber, "Tolvan", phone);
    }

    /** Tolvan's application as case {@code caseId} (null: the gate names it). */
    public static String openCaseWithId(String caseId) {
        return openCase(caseId, PERSONAL_NUMBER, "Tolvan", PHONE);
    }

    /** An application of {@code firstName} Tolvansson; {@code caseId} null lets the gate name the case. */
    public static String openCase(String caseId, String personalNumber, String firstName, String phone) {
        String id = caseId == null ? "" : "\"caseId\": \"" + caseId + "\", ";
        return OPEN_CASE.formatted(id, personalNumber, firstName, phone, EMAIL);
    }

    public static String addNote(String caseId, String text) {
        return "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}";
    }

    public static String closeCase(String caseId, String reason) {
        return "{\"caseId\": \"" + caseId + "\", \"reason\": \"" + reason + "\"}";
    }
}
