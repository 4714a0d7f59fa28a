package se.caseflow.web.api;

/** Command bodies used by the HTTP tests: fictitious people from Skatteverket's and PTS's test ranges. */
final class CommandPayloads {

    static final String PERSONAL_NUMBER = "19121212-1212";
    static final String PHONE = "070-174 06 05";
    static final String EMAIL = "tolvan.tolvansson@example.se";

    private CommandPayloads() {}

    static String openCase() {
        return openCase(null);
    }

    static String openCase(String caseId) {
        String id = caseId == null ? "" : "\"caseId\": \"" + caseId + "\",";
        return """
                {%s
                  "applicant": {
                    "personalNumber": "%s",
                    "firstName": "Tolvan",
                    "lastName": "Tolvansson",
                    "mobilePhone": "%s",
                    "email": "%s",
                    "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}
                  },
                  "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
                  "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}
                }
                """.formatted(id, PERSONAL_NUMBER, PHONE, EMAIL);
    }

    static String addNote(String caseId, String text) {
        return "{\"caseId\": \"" + caseId + "\", \"text\": \"" + text + "\"}";
    }

    static String closeCase(String caseId, String reason) {
        return "{\"caseId\": \"" + caseId + "\", \"reason\": \"" + reason + "\"}";
    }
}
