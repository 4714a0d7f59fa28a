package se.caseflow.web.partner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.web.config.GateNames;
import se.caseflow.web.forms.FormCommands;

/**
 * The partner pages' way in: the partner gate alone, which knows the partner commands ({@code PlaceBid},
 * {@code ReviseBid}, {@code WithdrawBid}) and nothing else. The caller has set {@code partnerId} from the
 * signed-in partner.
 */
@Component
class PartnerCommands {

    private final FormCommands forms;

    PartnerCommands(
            @Qualifier(GateNames.PARTNER) CommandGate gate, @Qualifier("commandScheduler") Scheduler commandScheduler) {
        this.forms = new FormCommands(gate, commandScheduler);
    }

    Mono<CommandOutcome> submit(String type, ObjectNode payload, String idempotencyKey) {
        return forms.submit(type, payload, idempotencyKey);
    }
}
