package se.caseflow.web.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.Map;
import se.caseflow.testsupport.FakeTwilio;

/**
 * Signs webhook requests the way Twilio does ({@link FakeTwilio#signature}), and checks every signature it makes
 * against the SDK's own RequestValidator.
 */
final class TwilioSigner {

    private TwilioSigner() {}

    static String sign(String authToken, String url, Map<String, String> form) {
        String signature = FakeTwilio.signature(authToken, url, form);
        assertThat(new RequestValidator(authToken).validate(url, form, signature))
                .as("the SDK accepts the test's signature")
                .isTrue();
        return signature;
    }
}
