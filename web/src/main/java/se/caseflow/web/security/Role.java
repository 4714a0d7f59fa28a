package se.caseflow.web.security;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.GrantedAuthority;

/** What a signed-in user is. Spring Security sees each as the authority {@code ROLE_<name>}. */
public enum Role {
    /** Loan broker staff: read cases, their activity and views; send commands. */
    STAFF,
    /** A partner lender: its own partner keys ({@code partner/<id>/...}) and the partner pages, nothing else. */
    PARTNER,
    /** Operations: the ops API and page, health details, metrics, dead letters, rebuilds, erasure, audit. */
    OPS,
    /** A metrics scraper: {@code /actuator/prometheus} only. */
    METRICS;

    /** The extra authority of a partner user, {@code PARTNER_ID_<partner id>}: which partner it speaks for. */
    public static final String PARTNER_ID_AUTHORITY = "PARTNER_ID_";

    /** The shape of a partner id (configuration, keys and events alike). */
    public static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9-]{1,32}");

    public String authority() {
        return "ROLE_" + name();
    }

    /** The partner a signed-in user speaks for (its {@link #PARTNER_ID_AUTHORITY}), if any. */
    public static Optional<String> partnerId(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PARTNER_ID_AUTHORITY))
                .map(authority -> authority.substring(PARTNER_ID_AUTHORITY.length()))
                .findFirst();
    }
}
