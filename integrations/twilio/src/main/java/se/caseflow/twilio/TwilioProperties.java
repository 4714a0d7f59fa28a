package se.caseflow.twilio;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseflow.twilio.*}. Without {@code account-sid} and {@code auth-token} caseflow runs in local mode:
 * SMS go to the outbox table, NOT sent.
 *
 * @param accountSid the Twilio account (AC...)
 * @param authToken the account's auth token: authenticates the REST calls and signs the webhooks
 * @param from the sending number (E.164) or alphanumeric sender id
 * @param messagingServiceSid a Messaging Service (MG...) to send from instead of {@code from}
 * @param publicBaseUrl the URL Twilio reaches caseflow at (behind any proxy), e.g. {@code https://caseflow.example.se};
 *     status callback URLs are built from it and webhook signatures are checked against it
 * @param apiBaseUrl where the REST API is (Twilio's own by default; a local fake in tests)
 * @param connectTimeout connecting to the REST API
 * @param readTimeout waiting for its answer; after that the outcome of a send is unknown
 */
@ConfigurationProperties("caseflow.twilio")
public record TwilioProperties(
        String accountSid,
        String authToken,
        String from,
        String messagingServiceSid,
        URI publicBaseUrl,
        URI apiBaseUrl,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT30S") Duration readTimeout) {

    /** True when SMS really go to Twilio. */
    public boolean configured() {
        return hasText(accountSid) && hasText(authToken);
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** The public base URL without a trailing slash, or null. */
    String publicBase() {
        if (publicBaseUrl == null || publicBaseUrl.toString().isBlank()) {
            return null;
        }
        String base = publicBaseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
