package se.caseflow.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signatures as Twilio computes them, checked against the configured public URL. */
class TwilioWebhookSignatureTest {

    private static final Map<String, String> FORM =
            Map.of("MessageSid", "SM0123456789abcdef0123456789abcdef", "From", "+46701740605", "Body", "Tack!");

    private static TwilioWebhookSignature signature(String token, String publicBase) {
        return new TwilioWebhookSignature(new TwilioProperties(
                "AC" + "0".repeat(32),
                token,
                null,
                null,
                publicBase == null ? null : URI.create(publicBase),
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
    }

    /** Twilio's algorithm: HMAC-SHA1(auth token, URL + each parameter name and value sorted by name), base64. */
    static String sign(String token, String url, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsTheSignatureOfThePublicUrlOnly() throws Exception {
        TwilioWebhookSignature check = signature("secret", "https://caseflow.example.se/");
        String good = sign("secret", "https://caseflow.example.se/twilio/sms", FORM);

        assertThat(check.isValid("/twilio/sms", FORM, good)).isTrue();
        assertThat(check.isValid(
                        "/twilio/sms", Map.of("MessageSid", "SM1", "From", "+46701740605", "Body", "Tack?"), good))
                .isFalse();
        assertThat(check.isValid("/twilio/sms", FORM, sign("secret", "http://10.0.0.5:8080/twilio/sms", FORM)))
                .isFalse();
        assertThat(check.isValid("/twilio/sms", FORM, sign("other", "https://caseflow.example.se/twilio/sms", FORM)))
                .isFalse();
        assertThat(check.isValid("/twilio/sms", FORM, null)).isFalse();
    }

    @Test
    void withoutTokenOrPublicUrlNothingIsValid() throws Exception {
        String good = sign("secret", "https://caseflow.example.se/twilio/sms", FORM);

        assertThat(signature(null, "https://caseflow.example.se").isValid("/twilio/sms", FORM, good))
                .isFalse();
        assertThat(signature("secret", null).isValid("/twilio/sms", FORM, good)).isFalse();
        assertThat(signature("secret", null).enabled()).isFalse();
    }
}
