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
    }

    @Bean
    WebTestClientBuilderCustomizer staffCredentials() {
        return builder -> builder.defaultHeaders(headers -> headers.setBasicAuth(STAFF, STAFF_PASSWORD));
    }
}
