package se.caseflow.web.partner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.web.forms.FormCommands;
import se.caseflow.web.forms.FormErrors;
import se.caseflow.web.forms.FormState;

/**
 * The partner pages: {@code /partner} (the cases offered to the signed-in partner) and
 * {@code /partner/cases/{caseId}} (one case: the summary without personal data, the countdown, the partner's own
 * bid and its forms, the outcome). The partner is always the signed-in one ({@link PartnerIdentity}); a case not
 * offered to it is 404 like one that does not exist. {@code static/js/partner.js} keeps both live.
 */
@Controller
class PartnerPageController {

    private final PartnerDocuments documents;
    private final PartnerCommands commands;
    private final Scheduler workers;

    PartnerPageController(
            PartnerDocuments documents, PartnerCommands commands, @Qualifier("docStoreWorkers") Scheduler workers) {
        this.documents = documents;
        this.commands = commands;
        this.workers = workers;
    }

    @GetMapping("/partner")
    Mono<Rendering> offers(Authentication user) {
        String partnerId = partner(user);
        return Mono.fromCallable(() -> Rendering.view("partner")
                        .modelAttribute("partnerId", partnerId)
                        .modelAttribute("offersKey", PartnerDocuments.offersKey(partnerId))
                        .modelAttribute("cases", documents.offers(partnerId))
                        .build())
                .subscribeOn(workers);
    }

    @GetMapping("/partner/cases/{caseId}")
    Mono<Rendering> offer(@PathVariable String caseId, Authentication user) {
        String partnerId = partner(user);
        return page(partnerId, caseId, FormState.fresh(), FormState.fresh(), HttpStatus.OK);
    }

    /** Places the partner's bid, or revises it when the form was rendered over its bid. */
    @PostMapping("/partner/cases/{caseId}/bid")
    Mono<Rendering> bid(@PathVariable String caseId, Authentication user, ServerWebExchange exchange) {
        String partnerId = partner(user);
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> typed = BidForm.typed(form);
            // what the partner saw when the form was rendered: a double submit sends one command twice
            String type = "revise".equals(form.getFirst("intent")) ? "ReviseBid" : "PlaceBid";
            return send(
                    partnerId,
                    caseId,
                    form,
                    type,
                    BidForm.command(caseId, partnerId, typed),
                    (errors, key) -> new CaseForms(new FormState(typed, errors, key), FormState.fresh()));
        });
    }

    @PostMapping("/partner/cases/{caseId}/withdraw")
    Mono<Rendering> withdraw(@PathVariable String caseId, Authentication user, ServerWebExchange exchange) {
        String partnerId = partner(user);
        return exchange.getFormData()
                .flatMap(form -> send(
                        partnerId,
                        caseId,
                        form,
                        "WithdrawBid",
                        BidForm.withdrawal(caseId, partnerId),
                        (errors, key) -> new CaseForms(FormState.fresh(), new FormState(Map.of(), errors, key))));
    }

    /** The two forms of a partner's case page. */
    private record CaseForms(FormState bid, FormState withdraw) {}

    /**
     * Sends a partner command on a case offered to the partner (on any other: 404, and no command) and goes back
     * to the case page, or shows it again with the forms {@code failed} makes of the errors and the next key.
     */
    private Mono<Rendering> send(
            String partnerId,
            String caseId,
            MultiValueMap<String, String> form,
            String type,
            ObjectNode command,
            BiFunction<FormErrors, String, CaseForms> failed) {
        String key = FormCommands.key(form.getFirst(FormCommands.KEY_FIELD));
        return offered(partnerId, caseId)
                .flatMap(doc -> commands.submit(type, command, key).flatMap(outcome -> {
                    if (outcome instanceof CommandOutcome.Accepted) {
                        return Mono.just(
                                Rendering.redirectTo("/partner/cases/" + caseId).build());
                    }
                    CaseForms forms = failed.apply(BidForm.errors(outcome), nextKey(outcome, key));
                    return page(partnerId, caseId, forms.bid(), forms.withdraw(), status(outcome));
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> missing(caseId)));
    }

    private Mono<Map<String, Object>> offered(String partnerId, String caseId) {
        return Mono.fromCallable(() -> documents.offered(partnerId, caseId).orElse(null))
                .subscribeOn(workers);
    }

    private Mono<Rendering> page(
            String partnerId, String caseId, FormState bid, FormState withdraw, HttpStatus status) {
        return offered(partnerId, caseId)
                .map(doc -> Rendering.view("partner-case")
                        .modelAttribute("partnerId", partnerId)
                        .modelAttribute("caseId", caseId)
                        .modelAttribute("caseKey", PartnerDocuments.caseKey(partnerId, caseId))
                        .modelAttribute("doc", doc)
                        .modelAttribute("bidFields", BidForm.FIELDS)
                        .modelAttribute("bid", bid.typed().isEmpty() ? withOwnBid(bid, doc) : bid)
                        .modelAttribute("withdraw", withdraw)
                        .status(status)
                        .build())
                .switchIfEmpty(Mono.fromSupplier(() -> missing(caseId)));
    }

    /** A fresh form starts from the partner's own bid, so revising is changing what is there. */
    private static FormState withOwnBid(FormState fresh, Map<String, Object> doc) {
        return new FormState(BidForm.typedFrom(doc.get("bid")), fresh.errors(), fresh.key());
    }

    private static String nextKey(CommandOutcome outcome, String key) {
        // a refused post claimed no key; a key used before for other values must not be sent again
        return key == null || FormCommands.keyReused(outcome) ? FormCommands.newKey() : key;
    }

    private static HttpStatus status(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.Invalid ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT;
    }

    private static Rendering missing(String caseId) {
        return Rendering.view("partner-missing")
                .modelAttribute("caseId", caseId)
                .status(HttpStatus.NOT_FOUND)
                .build();
    }

    private static String partner(Authentication user) {
        return PartnerIdentity.of(user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "No partner for this user"));
    }
}
