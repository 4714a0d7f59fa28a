package se.caseflow.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: HMAC-SHA1, keyed with the auth
 * token, of the full URL Twilio called followed by every POST parameter (name then value, sorted by name),
 * base64. The URL is the configured public one ({@code caseflow.twilio.public-base-url} + path and query),
 * never the request's own, which differs behind a proxy. Without an auth token nothing is valid.
 */
public final class TwilioWebhookSignature {

    private final RequestValidator validator;
    private final String publicBase;

    TwilioWebhookSignature(TwilioProperties properties) {
        this.validator =
                TwilioProperties.hasText(properties.authToken()) ? new RequestValidator(properties.authToken()) : null;
        this.publicBase = properties.publicBase();
    }

    /**
     * @param pathAndQuery the request's path and raw query as received, e.g. {@code /twilio/sms/status?caseId=..}
     * @param parameters the form parameters (Twilio sends each once)
     * @param signature the header's value, or null
     */
    public boolean isValid(String pathAndQuery, Map<String, String> parameters, String signature) {
        if (validator == null || publicBase == null || signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(publicBase + pathAndQuery, parameters, signature);
    }

    /** True when webhooks can be checked at all (auth token and public URL configured). */
    public boolean enabled() {
        return validator != null && publicBase != null;
    }
}
