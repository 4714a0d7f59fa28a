package se.caseflow.web.partner;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Which partner the signed-in user acts for: the authority {@code PARTNER_ID_<id>} that the user store gives a
 * partner user. Never taken from a request.
 */
final class PartnerIdentity {

    static final String AUTHORITY_PREFIX = "PARTNER_ID_";
    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9-]{1,32}");

    private PartnerIdentity() {}

    static Optional<String> of(Authentication user) {
        if (user == null || !user.isAuthenticated()) {
            return Optional.empty();
        }
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(AUTHORITY_PREFIX))
                .map(a -> a.substring(AUTHORITY_PREFIX.length()))
                .filter(id -> PARTNER_ID.matcher(id).matches())
                .findFirst();
    }
}
