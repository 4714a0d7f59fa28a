package se.caseflow.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.reactive.server.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Users of the tests on the postgres profile, configured like production (bcrypt hashes, here of the
 * cheapest cost), and a {@code WebTestClient} that sends the staff user's Basic credentials.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestUsers {

    public static final String STAFF = "test-staff";
    public static final String STAFF_PASSWORD = "test-staff-password";
    /** Partner user A, speaking for the partner {@link #PARTNER_A_ID}. */
    public static final String PARTNER_A = "test-partner-a";

    public static final String PARTNER_A_PASSWORD = "test-partner-a-password";
    public static final String PARTNER_A_ID = "partner-a";
    /** Partner user B, speaking for the partner {@link #PARTNER_B_ID}. */
    public static final String PARTNER_B = "test-partner-b";

    public static final String PARTNER_B_PASSWORD = "test-partner-b-password";
    public static final String PARTNER_B_ID = "partner-b";
    /** Any partner user, for tests where which partner does not matter: partner A. */
    public static final String PARTNER = PARTNER_A;

    public static final String PARTNER_PASSWORD = PARTNER_A_PASSWORD;
    public static final String OPS = "test-ops";
    public static final String OPS_PASSWORD = "test-ops-password";
    public static final String METRICS = "test-metrics";
    public static final String METRICS_PASSWORD = "test-metrics-password";

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    public static void register(DynamicPropertyRegistry registry) {
        String staffHash = BCRYPT.encode(STAFF_PASSWORD);
        registry.add("caseflow.security.users[0].name", () -> STAFF);
        registry.add("caseflow.security.users[0].password-hash", () -> staffHash);
        registry.add("caseflow.security.users[0].roles", () -> "STAFF");
        partner(registry, 1, PARTNER_A, PARTNER_A_PASSWORD, PARTNER_A_ID);
        partner(registry, 4, PARTNER_B, PARTNER_B_PASSWORD, PARTNER_B_ID);
        String opsHash = BCRYPT.encode(OPS_PASSWORD);
        String metricsHash = BCRYPT.encode(METRICS_PASSWORD);
        registry.add("caseflow.security.users[2].name", () -> OPS);
        registry.add("caseflow.security.users[2].password-hash", () -> opsHash);
        registry.add("caseflow.security.users[2].roles", () -> "OPS");
        registry.add("caseflow.security.users[3].name", () -> METRICS);
        registry.add("caseflow.security.users[3].password-hash", () -> metricsHash);
        registry.add("caseflow.security.users[3].roles", () -> "METRICS");
    }

    private static void partner(
            DynamicPropertyRegistry registry, int index, String name, String password, String partnerId) {
        String hash = BCRYPT.encode(password);
        String user = "caseflow.security.users[" + index + "].";
        registry.add(user + "name", () -> name);
        registry.add(user + "password-hash", () -> hash);
        registry.add(user + "roles", () -> "PARTNER");
        registry.add(user + "partner", () -> partnerId);
    }

    @Bean
    WebTestClientBuilderCustomizer staffCredentials() {
        return builder -> builder.defaultHeaders(headers -> headers.setBasicAuth(STAFF, STAFF_PASSWORD));
    }
}
