package se.caseflow.web.uc;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.caseflow.testsupport.FakeUcServer;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;

/** Settings for caseflow nodes sharing one database, one Redis prefix and one fake UC; test people. */
final class UcNodes {

    static final String STAFF = "uc-staff";
    static final String STAFF_PASSWORD = "uc-staff-password";
    private static final String STAFF_HASH = new BCryptPasswordEncoder(4).encode(STAFF_PASSWORD);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");

    private UcNodes() {}

    /** Command-line arguments of a node (profile postgres). */
    static List<String> arguments(
            PostgresTestDatabase database, RedisTestPrefix redis, FakeUcServer uc, Path keyFile, String readTimeout) {
        return new ArrayList<>(List.of(
                "--spring.profiles.active=postgres",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--caseflow.secrets.generate-if-missing=true",
                "--caseflow.secrets.key-file=" + keyFile,
                "--caseflow.redis.uri=" + redis.uri(),
                "--caseflow.redis.key-prefix=" + redis.prefix(),
                "--caseflow.security.users[0].name=" + STAFF,
                "--caseflow.security.users[0].password-hash=" + STAFF_HASH,
                "--caseflow.security.users[0].roles=STAFF",
                "--caseflow.uc.endpoint=" + uc.endpoint(),
                "--caseflow.uc.user-id=ABC12",
                "--caseflow.uc.password=XY",
                "--caseflow.uc.connect-timeout=PT2S",
                "--caseflow.uc.read-timeout=" + readTimeout));
    }

    /** The n-th of many valid, distinct (fictitious) personnummer born 1950-1979, 12 digits. */
    static String personalNumber(int n) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n / 1000 % 10_950);
        String nineDigits = birth.format(YYYYMMDD).substring(2) + "%03d".formatted(n % 1000);
        return birth.format(YYYYMMDD) + nineDigits.substring(6) + luhn(nineDigits);
    }

    /** UC's 10-digit object reference of a 12-digit personnummer. */
    static String objectRef(String personalNumber) {
        return personalNumber.substring(2);
    }

    static String openCase(String personalNumber) {
        return """
                {"applicant": {"personalNumber": "%s", "firstName": "Tolvan", "lastName": "Tolvansson",
                  "mobilePhone": "070-174 06 05", "email": "tolvan@example.se",
                  "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}},
                 "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
                 "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}
                """.formatted(personalNumber);
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
