package se.caseflow.web.sms;

import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.twilio.TwilioWebhookSignature;
import se.caseflow.web.problem.ProblemDetails;

/**
 * Twilio's webhooks: {@code POST /twilio/sms} (an inbound message) and {@code POST /twilio/sms/status}
 * (a delivery notification), form-encoded. Each request's {@code X-Twilio-Signature} is checked against
 * the configured public URL first; a bad or missing one gets 403 and changes nothing. Accepted requests
 * are answered with empty TwiML; an inbound message once it is stored in the inbox (or, with the database away,
 * in the node's spool). The work (the inbox, blind index, Redis look-up, the gate) runs on the command pool.
 */
@RestController
class TwilioWebhookController {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String EMPTY_TWIML = "<Response/>";

    private final TwilioWebhookSignature signature;
    private final SmsWebhooks webhooks;
    private final InboundSms inboundSms;
    private final Scheduler commandScheduler;

    TwilioWebhookController(
            TwilioWebhookSignature signature,
            SmsWebhooks webhooks,
            InboundSms inboundSms,
            @Qualifier("commandScheduler") Scheduler commandScheduler) {
        this.signature = signature;
        this.webhooks = webhooks;
        this.inboundSms = inboundSms;
        this.commandScheduler = commandScheduler;
    }

    @PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Object>> inbound(ServerWebExchange exchange) {
        return signed(exchange)
                .flatMap(form -> form.isEmpty()
                        ? Mono.just(forbidden(exchange))
                        : inboundSms.receive(form.get()).map(result -> answer(result, exchange)));
    }

    @PostMapping(path = "/twilio/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Object>> status(ServerWebExchange exchange) {
        Map<String, String> query = exchange.getRequest().getQueryParams().toSingleValueMap();
        return signed(exchange)
                .flatMap(form -> form.isEmpty()
                        ? Mono.just(forbidden(exchange))
                        : Mono.fromCallable(() -> answer(webhooks.status(query, form.get()), exchange))
                                .subscribeOn(commandScheduler));
    }

    /** The form parameters if the signature over the public URL and them is right, else empty. */
    private Mono<java.util.Optional<Map<String, String>>> signed(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String rawQuery = request.getURI().getRawQuery();
        String pathAndQuery = request.getURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
        String header = request.getHeaders().getFirst(SIGNATURE_HEADER);
        return exchange.getFormData().map(form -> {
            Map<String, String> parameters = singleValued(form);
            return parameters != null && signature.isValid(pathAndQuery, parameters, header)
                    ? java.util.Optional.of(parameters)
                    : java.util.Optional.<Map<String, String>>empty();
        });
    }

    /** Twilio sends every parameter once; a repeated one is not Twilio's and is refused. */
    private static Map<String, String> singleValued(MultiValueMap<String, String> form) {
        for (var values : form.values()) {
            if (values.size() != 1) {
                return null;
            }
        }
        return form.toSingleValueMap();
    }

    private static ResponseEntity<Object> answer(SmsWebhooks.Result result, ServerWebExchange exchange) {
        if (result.done()) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
        }
        return ProblemDetails.response(
                result.status(),
                result.type(),
                result.detail(),
                exchange.getRequest().getPath().value());
    }

    private static ResponseEntity<Object> forbidden(ServerWebExchange exchange) {
        return ProblemDetails.response(
                HttpStatus.FORBIDDEN,
                "bad-twilio-signature",
                "The X-Twilio-Signature header is missing or does not match this request",
                exchange.getRequest().getPath().value());
    }
}
