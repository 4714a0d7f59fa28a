package se.caseflow.web.partner;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import se.caseflow.web.security.Role;

/**
 * Which partner the signed-in user acts for: its {@code PARTNER_ID_<id>} authority ({@link Role#partnerId}). Never
 * taken from a request.
 */
final class PartnerIdentity {

    private PartnerIdentity() {}

    static Optional<String> of(Authentication user) {
        if (user == null || !user.isAuthenticated()) {
            return Optional.empty();
        }
        return Role.partnerId(user.getAuthorities())
                .filter(id -> Role.PARTNER_ID.matcher(id).matches());
    }
}
