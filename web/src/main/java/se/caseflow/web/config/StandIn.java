package se.caseflow.web.config;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A part that stands in for the real one in the default (local) mode. Outside that mode each needs its own
 * {@code caseflow.allow.*} property to be true ({@link StandInsGuard}).
 */
enum StandIn {
    GENERATED_KEYS(
            "caseflow.allow.generated-keys",
            "caseflow.secrets.generate-if-missing=true (a key file made on this node; lose it and every wrapped datum"
                    + " is gone)") {
        @Override
        boolean configuredIn(Environment environment) {
            return environment.getProperty("caseflow.secrets.generate-if-missing", Boolean.class, false);
        }
    },
    DEV_USERS("caseflow.allow.dev-users", "caseflow.security.dev-users (plaintext passwords)") {
        @Override
        boolean configuredIn(Environment environment) {
            return Binder.get(environment)
                    .bind("caseflow.security.dev-users[0].name", String.class)
                    .isBound();
        }
    },
    SIMULATED_UC(
            "caseflow.allow.simulated-uc",
            "the UC simulator (caseflow.uc.simulator=true without caseflow.uc.endpoint: no real identity or credit"
                    + " checks)") {
        @Override
        boolean configuredIn(Environment environment) {
            return environment.getProperty("caseflow.uc.enabled", Boolean.class, true)
                    && environment.getProperty("caseflow.uc.simulator", Boolean.class, false)
                    && blank(environment, "caseflow.uc.endpoint");
        }
    },
    PLAIN_HTTP_UC(
            "caseflow.allow.plain-http-uc",
            "a UC endpoint over plain http (caseflow.uc.endpoint: personnummer and UC's password would travel"
                    + " unencrypted)") {
        @Override
        boolean configuredIn(Environment environment) {
            String endpoint = environment.getProperty("caseflow.uc.endpoint", "");
            return environment.getProperty("caseflow.uc.enabled", Boolean.class, true)
                    && !endpoint.isBlank()
                    && !endpoint.strip().toLowerCase(Locale.ROOT).startsWith("https://");
        }
    },
    SIMULATED_SMS(
            "caseflow.allow.simulated-sms",
            "the SMS outbox (caseflow.twilio.account-sid or auth-token not set: no SMS is sent)") {
        @Override
        boolean configuredIn(Environment environment) {
            return blank(environment, "caseflow.twilio.account-sid")
                    || blank(environment, "caseflow.twilio.auth-token");
        }
    };

    private final String allowedBy;
    private final String what;

    StandIn(String allowedBy, String what) {
        this.allowedBy = allowedBy;
        this.what = what;
    }

    abstract boolean configuredIn(Environment environment);

    boolean allowedIn(Environment environment) {
        return environment.getProperty(allowedBy, Boolean.class, false);
    }

    /** The property that allows this stand-in outside the default mode. */
    String allowedBy() {
        return allowedBy;
    }

    String what() {
        return what;
    }

    private static boolean blank(Environment environment, String key) {
        String value = environment.getProperty(key);
        return value == null || value.isBlank();
    }
}
