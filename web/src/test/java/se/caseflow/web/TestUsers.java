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
    public static final String PARTNER = "test-partner";
    public static final String PARTNER_PASSWORD = "test-partner-password";
    public static final String OPS = "test-ops";
    public static final String OPS_PASSWORD = "test-ops-password";
    public static final String METRICS = "test-metrics";
    public static final String METRICS_PASSWORD = "test-metrics-password";

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    public static void register(DynamicPropertyRegistry registry) {
        String staffHash = BCRYPT.encode(STAFF_PASSWORD);
        String partnerHash = BCRYPT.encode(PARTNER_PASSWORD);
        registry.add("caseflow.security.users[0].name", () -> STAFF);
        registry.add("caseflow.security.users[0].password-hash", () -> staffHash);
        registry.add("caseflow.security.users[0].roles", () -> "STAFF");
        registry.add("caseflow.security.users[1].name", () -> PARTNER);
        registry.add("caseflow.security.users[1].password-hash", () -> partnerHash);
        registry.add("caseflow.security.users[1].roles", () -> "PARTNER");
        String opsHash = BCRYPT.encode(OPS_PASSWORD);
        String metricsHash = BCRYPT.encode(METRICS_PASSWORD);
        registry.add("caseflow.security.users[2].name", () -> OPS);
        registry.add("caseflow.security.users[2].password-hash", () -> opsHash);
        registry.add("caseflow.security.users[2].roles", () -> "OPS");
        registry.add("caseflow.security.users[3].name", () -> METRICS);
        registry.add("caseflow.security.users[3].password-hash", () -> metricsHash);
        registry.add("caseflow.security.users[3].roles", () -> "METRICS");
    }

    @Bean
    WebTestClientBuilderCustomizer staffCredentials() {
        return builder -> builder.defaultHeaders(headers -> headers.setBasicAuth(STAFF, STAFF_PASSWORD));
    }
}
