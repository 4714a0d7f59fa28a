package se.caseflow.web.config;

import java.util.List;
import java.util.stream.Collectors;

/** Stand-ins configured outside the default mode without their {@code caseflow.allow.*} property. */
final class StandInsRefusedException extends IllegalStateException {

    StandInsRefusedException(List<String> profiles, List<StandIn> refused) {
        super("caseflow does not start on the profile(s) " + profiles + " with "
                + refused.stream()
                        .map(standIn -> standIn.what() + " unless " + standIn.allowedBy() + "=true")
                        .collect(Collectors.joining("; "))
                + ". Configure the real part, or set that property where a stand-in is meant (a test stand, a demo).");
    }
}
