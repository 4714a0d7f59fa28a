package se.caseflow.twilio;

import com.twilio.http.TwilioRestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.sms.SmsGateway;

/**
 * SMS out: through Twilio when {@code caseflow.twilio.account-sid} and {@code auth-token} are set, else
 * (local mode) into the outbox table, NOT sent. Webhook signatures are checked with the auth token.
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@EnableConfigurationProperties(TwilioProperties.class)
public class TwilioConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

    @Bean
    JdbcSmsOutbox smsOutbox(
            JdbcTemplate jdbc, PersonalDataUnwrapper unwrapper, Clock clock, TwilioProperties properties) {
        return new JdbcSmsOutbox(jdbc, unwrapper, clock, properties.configured());
    }

    @Bean
    SmsGateway smsGateway(
            TwilioProperties properties,
            PersonalDataUnwrapper unwrapper,
            JdbcSmsOutbox outbox,
            ObjectProvider<MeterRegistry> meters) {
        return smsGateway(properties, unwrapper, outbox, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    SmsGateway smsGateway(
            TwilioProperties properties, PersonalDataUnwrapper unwrapper, JdbcSmsOutbox outbox, MeterRegistry meters) {
        if (!properties.configured()) {
            log.warn(
                    "caseflow.twilio.account-sid / auth-token not set: local mode, SMS go to the outbox and are NOT sent");
            return outbox::send;
        }
        if (!TwilioProperties.hasText(properties.from())
                && !TwilioProperties.hasText(properties.messagingServiceSid())) {
            throw new IllegalStateException(
                    "caseflow.twilio.from or caseflow.twilio.messaging-service-sid must be set");
        }
        if (properties.publicBase() == null) {
            log.warn(
                    "caseflow.twilio.public-base-url not set: no delivery notifications, and every webhook is refused");
        }
        TwilioRestClient client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                .httpClient(new AtMostOnceHttpClient(properties))
                .build();
        return new TwilioSmsGateway(client, properties, unwrapper, meters);
    }

    @Bean
    TwilioWebhookSignature twilioWebhookSignature(TwilioProperties properties) {
        return new TwilioWebhookSignature(properties);
    }
}
