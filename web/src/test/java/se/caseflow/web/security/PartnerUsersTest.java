package se.caseflow.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** A partner user speaks for exactly one well-formed partner id; start-up refuses anything else. */
class PartnerUsersTest {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("secret");
    private static final SecurityProperties.SignInLimits LIMITS =
            new SecurityProperties.SignInLimits(10, 100, Duration.ofMinutes(15));

    @Test
    void aPartnerUserCarriesItsPartnerIdAsAnAuthority() {
        UserDetails user = users(new SecurityProperties.User("nora", HASH, List.of(Role.PARTNER), "nordbank"))
                .findByUsername("nora")
                .block();
        assertThat(user.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_PARTNER", "PARTNER_ID_nordbank");
        assertThat(Role.partnerId(user.getAuthorities())).contains("nordbank");
    }

    @Test
    void aDevPartnerUserToo() {
        SecurityProperties properties = new SecurityProperties(
                List.of(),
                List.of(new SecurityProperties.DevUser(
                        "frej", "frej-dev-password", List.of(Role.PARTNER), "fjordkredit")),
                Duration.ofMinutes(5),
                5,
                LIMITS);
        UserDetails user = UserAccounts.from(properties).findByUsername("frej").block();
        assertThat(Role.partnerId(user.getAuthorities())).contains("fjordkredit");
    }

    @ParameterizedTest(name = "{0} with partner ''{1}'' is refused: {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "PARTNER, null, has the role PARTNER but no partner",
                "PARTNER, '', has the role PARTNER but no partner",
                "STAFF, nordbank, has a partner but not the role PARTNER",
                "OPS, nordbank, has a partner but not the role PARTNER",
                "PARTNER, Nordbank, which is not a partner id",
                "PARTNER, nord bank, which is not a partner id",
                "PARTNER, nordbank/x, which is not a partner id",
                "PARTNER, abcdefghijabcdefghijabcdefghijabc, which is not a partner id"
            })
    void startUpRefuses(Role role, String partner, String message) {
        assertThatThrownBy(() -> users(new SecurityProperties.User("someone", HASH, List.of(role), partner)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'someone'")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "PARTNER with {0} is refused")
    @EnumSource(
            value = Role.class,
            names = {"STAFF", "OPS", "METRICS"})
    void aPartnerUserHoldsNoOtherRole(Role other) {
        assertThatThrownBy(() ->
                        users(new SecurityProperties.User("mixed", HASH, List.of(Role.PARTNER, other), "nordbank")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "caseflow.security.users: 'mixed' has the role PARTNER together with [" + other + "]");
    }

    @Test
    void aDevPartnerUserHoldsNoOtherRoleEither() {
        SecurityProperties properties = new SecurityProperties(
                List.of(),
                List.of(new SecurityProperties.DevUser(
                        "frej", "frej-dev-password", List.of(Role.STAFF, Role.PARTNER), "fjordkredit")),
                Duration.ofMinutes(5),
                5,
                LIMITS);
        assertThatThrownBy(() -> UserAccounts.from(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("caseflow.security.dev-users: 'frej' has the role PARTNER together with [STAFF]");
    }

    private static org.springframework.security.core.userdetails.MapReactiveUserDetailsService users(
            SecurityProperties.User user) {
        return UserAccounts.from(new SecurityProperties(List.of(user), List.of(), Duration.ofMinutes(5), 5, LIMITS));
    }
}
