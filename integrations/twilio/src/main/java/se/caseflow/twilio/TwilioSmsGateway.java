package se.caseflow.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.sms.SmsGateway;

/**
 * Sends through the Twilio Java SDK ({@code Message.creator(...).create(client)}), with a status callback
 * URL that names the case and the message. The recipient is unwrapped here and only here
 * ({@link TrustedCaller#SMS_SENDER}, audited by the secrets store) and never logged.
 */
final class TwilioSmsGateway implements SmsGateway {

    static final String STATUS_PATH = "/twilio/sms/status";

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsGateway.class);

    private final TwilioRestClient client;
    private final TwilioProperties properties;
    private final PersonalDataUnwrapper unwrapper;
    private final MeterRegistry meters;

    TwilioSmsGateway(
            TwilioRestClient client,
            TwilioProperties properties,
            PersonalDataUnwrapper unwrapper,
            MeterRegistry meters) {
        this.client = client;
        this.properties = properties;
        this.unwrapper = unwrapper;
        this.meters = meters;
    }

    /** Every call to Twilio is timed as {@code caseflow.twilio.sends}, tagged with its outcome. */
    @Override
    public SendResult send(OutgoingSms sms) {
        Timer.Sample sample = Timer.start(meters);
        SendResult result = sendOnce(sms);
        if (!(result instanceof SendResult.Rejected rejected
                && rejected.errorCode().equals("erased"))) {
            sample.stop(meters.timer(
                    "caseflow.twilio.sends",
                    "outcome",
                    result.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
        }
        return result;
    }

    private SendResult sendOnce(OutgoingSms sms) {
        Unwrapped to = unwrapper.unwrap(sms.to(), TrustedCaller.SMS_SENDER, "send SMS " + sms.messageId());
        Unwrapped text = unwrapper.unwrap(sms.text(), TrustedCaller.SMS_SENDER, "send SMS " + sms.messageId());
        if (!(to instanceof Unwrapped.Revealed revealed) || !(text instanceof Unwrapped.Revealed body)) {
            return new SendResult.Rejected("erased", "The recipient's personal data has been erased");
        }
        MessageCreator creator = TwilioProperties.hasText(properties.messagingServiceSid())
                ? Message.creator(
                        new PhoneNumber(revealed.plaintext()), properties.messagingServiceSid(), body.plaintext())
                : Message.creator(
                        new PhoneNumber(revealed.plaintext()), new PhoneNumber(properties.from()), body.plaintext());
        URI callback = statusCallback(sms);
        if (callback != null) {
            creator.setStatusCallback(callback);
        }
        try {
            Message message = creator.create(client);
            log.info("SMS {} of case {} accepted by Twilio as {}", sms.messageId(), sms.caseId(), message.getSid());
            return new SendResult.Sent(message.getSid(), String.valueOf(message.getStatus()));
        } catch (ApiConnectionException e) {
            // the request may have reached Twilio: only a person can find out
            return noAnswer(sms, e);
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status == null) {
                // no HTTP answer (a read timeout) or none readable: the message is the transport's, not Twilio's
                return noAnswer(sms, e);
            }
            // Twilio's own messages may quote the recipient's number: only the code and a fixed text are kept
            String code =
                    e.getCode() == null ? String.valueOf(status) : e.getCode().toString();
            if (status >= 400 && status < 500) {
                log.warn("SMS {} of case {} refused by Twilio: error {}", sms.messageId(), sms.caseId(), code);
                return new SendResult.Rejected(code, TwilioErrorTexts.of(code));
            }
            log.warn("SMS {} of case {}: Twilio answered {} (error {})", sms.messageId(), sms.caseId(), status, code);
            return new SendResult.Unknown("Twilio answered " + status + " (error " + code + ")");
        }
    }

    /** The message of {@code failure} may quote the recipient's number: only a fixed text per kind is kept. */
    private static SendResult noAnswer(OutgoingSms sms, RuntimeException failure) {
        TwilioTransportFailures kind = TwilioTransportFailures.of(failure);
        log.warn("SMS {} of case {}: {} ({})", sms.messageId(), sms.caseId(), kind.text(), kind);
        return new SendResult.Unknown(kind.text());
    }

    private URI statusCallback(OutgoingSms sms) {
        String base = properties.publicBase();
        if (base == null) {
            return null;
        }
        return URI.create(
                base + STATUS_PATH + "?caseId=" + encode(sms.caseId()) + "&messageId=" + encode(sms.messageId()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
