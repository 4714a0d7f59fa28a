package se.caseflow.web.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import se.caseflow.web.CaseflowApplication;

/** Dev users with plaintext passwords never reach a deployment: any profile refuses them at start. */
class DevUsersRefusedTest {

    @Test
    void theApplicationRefusesToStartWithDevUsersOnAProfile() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CaseflowApplication.class)
                        .profiles("postgres")
                        .run(
                                "--server.port=0",
                                "--caseflow.security.dev-users[0].name=anna",
                                "--caseflow.security.dev-users[0].password=anna-dev-password",
                                "--caseflow.security.dev-users[0].roles=STAFF")
                        .close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("caseflow.security.dev-users is set while the profile(s) [postgres] are active");
    }
}
