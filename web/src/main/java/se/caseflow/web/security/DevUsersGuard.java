package se.caseflow.web.security;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start, before any bean exists, when dev users are configured and a profile is active: dev
 * users (plaintext passwords) belong to the default local mode only.
 */
class DevUsersGuard implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean devUsers = Binder.get(environment)
                .bind("caseflow.security.dev-users[0].name", String.class)
                .isBound();
        check(devUsers, environment.getActiveProfiles());
    }

    static void check(boolean devUsers, String[] activeProfiles) {
        if (devUsers && activeProfiles.length > 0) {
            throw new IllegalStateException("caseflow.security.dev-users is set while the profile(s) "
                    + Arrays.toString(activeProfiles)
                    + " are active. Dev users (plaintext passwords) are for the default local mode only: remove"
                    + " them and configure caseflow.security.users[n].name/password-hash/roles with bcrypt"
                    + " hashes instead.");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the config files are read and the profiles known
    }
}
