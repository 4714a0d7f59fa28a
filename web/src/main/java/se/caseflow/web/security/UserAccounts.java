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

/**
 * Builds the user store from {@link SecurityProperties}. Dev users outside the default mode are refused before this
 * runs ({@code se.caseflow.web.config.StandInsGuard}).
 */
final class UserAccounts {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private UserAccounts() {}

    static MapReactiveUserDetailsService from(SecurityProperties properties) {
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
                    .authorities(authorities("users", user.name(), user.roles(), user.partner()))
                    .build());
        }
        for (SecurityProperties.DevUser user : properties.devUsers()) {
            require(user.name(), names);
            if (user.password() == null || user.password().isEmpty()) {
                throw new IllegalStateException("caseflow.security.dev-users: '" + user.name() + "' has no password");
            }
            users.add(User.withUsername(user.name())
                    .password("{noop}" + user.password())
                    .authorities(authorities("dev-users", user.name(), user.roles(), user.partner()))
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

    /** The highest bcrypt cost among the configured users (10 when there are none): what a password check costs. */
    static int bcryptCost(SecurityProperties properties) {
        return properties.users().stream()
                .map(SecurityProperties.User::passwordHash)
                .filter(hash -> hash != null && BCRYPT.matcher(hash).matches())
                .mapToInt(hash -> Integer.parseInt(hash.substring(hash.indexOf('$', 1) + 1, hash.indexOf('$', 1) + 3)))
                .max()
                .orElse(10);
    }

    private static void require(String name, Set<String> names) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("caseflow.security: a user without a name");
        }
        if (!names.add(name)) {
            throw new IllegalStateException("caseflow.security: the user '" + name + "' is configured twice");
        }
    }

    /** The roles' authorities, and for a partner user {@code PARTNER_ID_<partner>}. */
    private static String[] authorities(String list, String name, List<Role> roles, String partner) {
        String user = "caseflow.security." + list + ": '" + name + "'";
        boolean isPartner = roles.contains(Role.PARTNER);
        if (isPartner && (partner == null || partner.isEmpty())) {
            throw new IllegalStateException(
                    user + " has the role PARTNER but no partner (the partner id it speaks for)");
        }
        if (isPartner && roles.size() > 1) {
            // a partner's pages show only its own bids; any other role would open every sealed bid to it
            throw new IllegalStateException(user + " has the role PARTNER together with "
                    + roles.stream().filter(role -> role != Role.PARTNER).toList()
                    + ": a partner user holds PARTNER alone (give the person a second user for other work)");
        }
        if (!isPartner && partner != null) {
            throw new IllegalStateException(user + " has a partner but not the role PARTNER");
        }
        if (isPartner && !Role.PARTNER_ID.matcher(partner).matches()) {
            throw new IllegalStateException(
                    user + " has the partner '" + partner + "', which is not a partner id ([a-z0-9-]{1,32})");
        }
        List<String> authorities =
                new ArrayList<>(roles.stream().map(Role::authority).toList());
        if (isPartner) {
            authorities.add(Role.PARTNER_ID_AUTHORITY + partner);
        }
        return authorities.toArray(String[]::new);
    }
}
