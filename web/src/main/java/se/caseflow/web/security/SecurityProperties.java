package se.caseflow.web.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseflow.security.*}: who may sign in.
 *
 * @param users real users, each with a bcrypt hash of the password
 * @param devUsers users with plaintext passwords for the default (local) mode only; any active profile
 *     refuses to start while one is configured
 * @param basicAuthCacheTtl how long a verified HTTP Basic (user, password) pair is trusted without
 *     checking its bcrypt hash again
 */
@ConfigurationProperties("caseflow.security")
record SecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue List<DevUser> devUsers,
        @DefaultValue("PT5M") Duration basicAuthCacheTtl) {

    /** {@code partner}: the partner id a PARTNER speaks for (required for that role, refused for any other). */
    record User(
            String name, String passwordHash, @DefaultValue List<Role> roles, String partner) {}

    record DevUser(
            String name, String password, @DefaultValue List<Role> roles, String partner) {}
}
