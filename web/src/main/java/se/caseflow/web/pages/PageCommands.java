package se.caseflow.web.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.web.forms.FormCommands;
import se.caseflow.web.forms.FormErrors;
import se.caseflow.web.forms.FormField;

/** The staff pages' way into the same {@link CommandGate} as the HTTP API (see {@link FormCommands}). */
@Component
class PageCommands {

    static final String KEY_FIELD = FormCommands.KEY_FIELD;

    private final FormCommands forms;

    PageCommands(CommandGate gate, @Qualifier("commandScheduler") Scheduler commandScheduler) {
        this.forms = new FormCommands(gate, commandScheduler);
    }

    static String newKey() {
        return FormCommands.newKey();
    }

    static String key(String typed) {
        return FormCommands.key(typed);
    }

    Mono<CommandOutcome> submit(String type, ObjectNode payload, String idempotencyKey) {
        return forms.submit(type, payload, idempotencyKey);
    }

    static FormErrors errors(CommandOutcome outcome, Collection<FormField> fields) {
        return FormCommands.errors(outcome, fields);
    }
}
