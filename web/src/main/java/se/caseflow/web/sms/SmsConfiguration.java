package se.caseflow.web.sms;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.read.ProjectionReader;

/**
 * The Twilio webhooks' work. They send their commands ({@code RecordSmsStatus}, {@code ReceiveSms}, ...) through the
 * internal gate, which knows {@code schemas/internal-commands/}: the staff gate behind the HTTP API and Kafka does not
 * know them, so nobody outside can forge a delivery state or an inbound message. (The SMS saga sends its own through
 * {@code InternalCommands}, in front of the same gate.)
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
}
