package se.caseflow.web.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/** Builds the user store from {@link SecurityProperties}, refusing dev users outside the default mode. */
final class UserAccounts {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private UserAccounts() {}

    static MapReactiveUserDetailsService from(SecurityProperties properties, String[] activeProfiles) {
        DevUsersGuard.check(!properties.devUsers().isEmpty(), activeProfiles);
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SecurityProperties.User user : properties.users()) {
            require(user.name(), names);
            String hash = user.passwordHash();
            if (hash == null || !BCRYPT.matcher(hash).matches()) {
                throw new IllegalStateException("caseflow.security.users: the password-hash of '" + user.name()
                        + "' is not a bcrypt hash ($2a$/$2b$/$2y$ + cost + 53 characters)");
            }
            users.add(User.withUsername(user.name())
                    .password("{bcrypt}" + hash)
                    .authorities(authorities(user.roles()))
                    .build());
        }
        for (SecurityProperties.DevUser user : properties.devUsers()) {
            require(user.name(), names);
            if (user.password() == null || user.password().isEmpty()) {
                throw new IllegalStateException("caseflow.security.dev-users: '" + user.name() + "' has no password");
            }
            users.add(User.withUsername(user.name())
                    .password("{noop}" + user.password())
                    .authorities(authorities(user.roles()))
                    .build());
        }
        if (!properties.devUsers().isEmpty()) {
            log.warn(
                    "DEV USERS ACTIVE ({}): plaintext passwords from configuration, local development only",
                    properties.devUsers().stream()
                            .map(SecurityProperties.DevUser::name)
                            .toList());
        }
        if (users.isEmpty()) {
            log.warn("No users configured (caseflow.security.users): nobody can sign in");
            // MapReactiveUserDetailsService refuses an empty map; an unusable placeholder keeps it simple
            users.add(User.withUsername("\u0000nobody")
                    .password("{noop}\u0000")
                    .disabled(true)
                    .authorities(List.of())
                    .build());
        }
        return new MapReactiveUserDetailsService(users);
    }

    private static void require(String name, Set<String> names) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("caseflow.security: a user without a name");
        }
        if (!names.add(name)) {
            throw new IllegalStateException("caseflow.security: the user '" + name + "' is configured twice");
        }
    }

    private static String[] authorities(List<Role> roles) {
        return roles.stream().map(Role::authority).toArray(String[]::new);
    }
}
