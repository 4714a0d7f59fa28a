package se.caseflow.web.pages;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import se.caseflow.web.forms.FormCommands;

/**
 * The staff case page's forms after bidding: accept a ranked offer, the debt letter (send, signed, paid out),
 * and a follow-up on a date. Each posts one command through the staff gate, as the note and close forms do.
 */
@Controller
class CaseBiddingController {

    private final CasePage page;

    CaseBiddingController(CasePage page) {
        this.page = page;
    }

    @PostMapping("/cases/{id}/offers/accept")
    Mono<Rendering> accept(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> page.afterCommand(id, "AcceptOffer", Forms.ACCEPT, form, payload -> {}));
    }

    @PostMapping("/cases/{id}/debt-letter/send")
    Mono<Rendering> sendDebtLetter(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> page.afterCommand(id, "SendDebtLetter", Forms.SEND_LETTER, form, payload -> {}));
    }

    @PostMapping("/cases/{id}/debt-letter/signed")
    Mono<Rendering> debtLetterSigned(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form ->
                        page.afterCommand(id, "RecordDebtLetterSigned", Forms.LETTER_SIGNED, form, payload -> {}));
    }

    @PostMapping("/cases/{id}/payout")
    Mono<Rendering> payout(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> page.afterCommand(id, "RecordPayout", Forms.PAYOUT, form, payload -> {}));
    }

    /**
     * The follow-up's id comes from the form's idempotency key, so a double submit names the same follow-up
     * (and the gate answers it once) instead of two payloads under one key.
     */
    @PostMapping("/cases/{id}/follow-ups")
    Mono<Rendering> scheduleFollowUp(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String key = FormCommands.key(form.getFirst(FormCommands.KEY_FIELD));
            UUID followUpId = key == null
                    ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes(("follow-up:" + key).getBytes(StandardCharsets.UTF_8));
            return page.afterCommand(
                    id,
                    "ScheduleFollowUp",
                    Forms.FOLLOW_UP,
                    form,
                    payload -> payload.put("followUpId", followUpId.toString()));
        });
    }
}
