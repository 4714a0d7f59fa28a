package se.caseflow.web.sms;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.secrets.SubjectShredder;

/**
 * The Twilio webhooks' work. They send their commands ({@code RecordSmsStatus}, {@code ReceiveSms}, ...) through the
 * internal gate, which knows {@code schemas/internal-commands/}: the staff gate behind the HTTP API and Kafka does not
 * know them, so nobody outside can forge a delivery state or an inbound message. (The SMS saga sends its own through
 * {@code InternalCommands}, in front of the same gate.) Inbound messages are kept in the {@link SmsInbox} first and
 * routed from there (docs/adr/0022).
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    /** The bean name and qualifier of the internal gate (see CommandSideConfiguration). */
    static final String INTERNAL_GATE = "internalCommandGate";

    @Bean
    SmsWebhooks smsWebhooks(
            @Qualifier(INTERNAL_GATE) CommandGate gate, PersonalDataVault vault, ProjectionReader reader) {
        return new SmsWebhooks(gate, vault, reader);
    }

    @Bean
    SmsInbox smsInbox(
            JdbcTemplate jdbc,
            PersonalDataVault vault,
            PersonalDataUnwrapper unwrapper,
            SubjectShredder shredder,
            Clock clock) {
        return new SmsInbox(jdbc, vault, unwrapper, shredder, clock);
    }

    @Bean
    SmsInboxRouter smsInboxRouter(
            SmsInbox inbox,
            SmsWebhooks webhooks,
            @Value("${caseflow.twilio.inbox-retry-interval:PT5S}") Duration interval) {
        return new SmsInboxRouter(inbox, webhooks, interval);
    }

    @Bean
    InboundSms inboundSms(SmsInbox inbox, SmsInboxRouter router) {
        return new InboundSms(inbox, router);
    }
}
