package se.caseflow.web.sms;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.secrets.FileKeys;
import se.caseflow.secrets.SubjectShredder;
import se.caseflow.web.config.GateNames;
import se.caseflow.web.erasure.InboundSmsErasure;

/**
 * The Twilio webhooks' work. They send their commands ({@code RecordSmsStatus}, {@code ReceiveSms}, ...) through the
 * internal gate, which knows {@code schemas/internal-commands/}: the staff gate behind the HTTP API and Kafka does not
 * know them, so nobody outside can forge a delivery state or an inbound message. (The SMS saga sends its own through
 * {@code InternalCommands}, in front of the same gate.) Inbound messages are kept in the {@link SmsInbox} first and
 * routed from there (docs/adr/0022); while the inbox cannot store, in the node's {@link SmsSpool} on disk first
 * (docs/adr/0034).
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    /** The bean name and qualifier of the internal gate. */
    static final String INTERNAL_GATE = GateNames.INTERNAL;

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
    SmsSpool smsSpool(
            @Value("${caseflow.twilio.inbound-spool-dir:data/sms-spool}") Path directory,
            FileKeys keys,
            Clock clock,
            MeterRegistry meters) {
        SmsSpool spool = new SmsSpool(directory, keys, clock);
        Gauge.builder("caseflow.sms.spooled", spool, SmsSpool::spooled)
                .description("inbound SMS waiting on this node's disk for the inbox")
                .register(meters);
        return spool;
    }

    @Bean
    SmsSpoolHealthIndicator smsSpoolHealthIndicator(SmsSpool spool) {
        return new SmsSpoolHealthIndicator(spool);
    }

    @Bean
    SmsSpoolDrainer smsSpoolDrainer(SmsSpool spool, SmsInbox inbox) {
        return new SmsSpoolDrainer(spool, inbox);
    }

    @Bean
    SmsInboxRouter smsInboxRouter(
            SmsInbox inbox,
            SmsWebhooks webhooks,
            SmsSpoolDrainer drainer,
            @Value("${caseflow.twilio.inbox-retry-interval:PT5S}") Duration interval) {
        return new SmsInboxRouter(inbox, webhooks, drainer, interval);
    }

    @Bean
    InboundSmsErasure inboundSmsErasure(SmsSpoolDrainer drainer, SmsInbox inbox) {
        return new SmsInboxErasure(drainer, inbox);
    }

    @Bean
    InboundSms inboundSms(
            SmsInbox inbox,
            SmsInboxRouter router,
            SmsSpool spool,
            @Value("${caseflow.twilio.inbox-store-timeout:PT5S}") Duration storeTimeout,
            @Qualifier("commandScheduler") Scheduler commandScheduler) {
        return new InboundSms(inbox, router, spool, storeTimeout, commandScheduler);
    }
}
