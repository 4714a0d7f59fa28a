package se.caseflow.web.pages;

import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.web.forms.FormErrors;

/** case-maker: {@code /cases/new}, a form for {@code OpenCase} through the command gate. */
@Controller
class CaseMakerController {

    private final PageCommands commands;

    CaseMakerController(PageCommands commands) {
        this.commands = commands;
    }

    @GetMapping("/cases/new")
    String form(Model model) {
        model.addAttribute("fieldsets", OpenCaseForm.FIELDSETS);
        model.addAttribute("typed", Map.of());
        model.addAttribute("errors", FormErrors.NONE);
        model.addAttribute("idempotencyKey", PageCommands.newKey());
        return "case-new";
    }

    @PostMapping("/cases/new")
    Mono<Rendering> open(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> typed = typed(form);
            String key = PageCommands.key(form.getFirst(PageCommands.KEY_FIELD));
            return commands.submit("OpenCase", OpenCaseForm.payload(typed), key)
                    .map(outcome -> outcome instanceof CommandOutcome.Accepted accepted
                            ? Rendering.redirectTo("/cases/" + accepted.aggregateId())
                                    .build()
                            : again(typed, outcome, key));
        });
    }

    private static Rendering again(Map<String, String> typed, CommandOutcome outcome, String key) {
        boolean reused = outcome instanceof CommandOutcome.KeyConflict conflict
                && conflict.reason() == CommandOutcome.KeyConflict.Reason.DIFFERENT_PAYLOAD;
        return Rendering.view("case-new")
                .modelAttribute("fieldsets", OpenCaseForm.FIELDSETS)
                .modelAttribute("typed", typed)
                .modelAttribute("errors", PageCommands.errors(outcome, OpenCaseForm.FIELDS))
                .modelAttribute("idempotencyKey", key == null || reused ? PageCommands.newKey() : key)
                .status(
                        outcome instanceof CommandOutcome.Refused
                                ? HttpStatus.CONFLICT
                                : HttpStatus.UNPROCESSABLE_ENTITY)
                .build();
    }

    private static Map<String, String> typed(MultiValueMap<String, String> form) {
        Map<String, String> typed = new HashMap<>();
        OpenCaseForm.names().forEach(name -> {
            String value = form.getFirst(name);
            if (value != null) {
                typed.put(name, value);
            }
        });
        return typed;
    }
}
