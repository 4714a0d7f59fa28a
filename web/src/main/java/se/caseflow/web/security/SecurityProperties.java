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
 *     refuses to start while one is configured, unless {@code caseflow.allow.dev-users=true}
 * @param basicAuthCacheTtl how long a verified HTTP Basic (user, password) pair is trusted without
 *     checking its bcrypt hash again
 * @param maxSessionsPerUser how many signed-in sessions one user may hold; signing in once more ends the oldest
 * @param signInLimits how many failed sign-ins (form or Basic) a user name and a client address may have in a window
 */
@ConfigurationProperties("caseflow.security")
record SecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue List<DevUser> devUsers,
        @DefaultValue("PT5M") Duration basicAuthCacheTtl,
        @DefaultValue("5") int maxSessionsPerUser,
        @DefaultValue SignInLimits signInLimits) {

    /** {@code partner}: the partner id a PARTNER speaks for (required for that role, refused for any other). */
    record User(
            String name, String passwordHash, @DefaultValue List<Role> roles, String partner) {}

    /**
     * @param failuresPerUser failed sign-ins for one user name within {@code window} before it must wait
     * @param failuresPerAddress failed sign-ins from one client address within {@code window} before it must wait
     * @param window how long failures count; the wait lasts until the window that reached the limit ends
     */
    record SignInLimits(
            @DefaultValue("10") int failuresPerUser,
            @DefaultValue("100") int failuresPerAddress,
            @DefaultValue("PT15M") Duration window) {}

    record DevUser(
            String name, String password, @DefaultValue List<Role> roles, String partner) {}
}
