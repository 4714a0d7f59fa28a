package se.caseflow.web.docstore;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import se.caseflow.web.security.Role;

/**
 * Who reads: the signed-in user's name, roles and, for a partner user, the partner it speaks for (null otherwise);
 * fixed for the life of a socket.
 */
record Viewer(String name, Set<Role> roles, String partnerId) {

    static Viewer of(Principal principal) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String partnerId = null;
        if (principal instanceof Authentication authentication && authentication.isAuthenticated()) {
            partnerId = Role.partnerId(authentication.getAuthorities()).orElse(null);
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                for (Role role : Role.values()) {
                    if (role.authority().equals(authority.getAuthority())) {
                        roles.add(role);
                    }
                }
            }
        }
        return new Viewer(principal == null ? "" : principal.getName(), Set.copyOf(roles), partnerId);
    }
}
