package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.web.problem.ProblemDetails;

/**
 * GDPR erasure ({@code POST /api/ops/erasures}, answered 202 with the erasure's status as its location), the erasure
 * log ({@code GET /api/ops/erasures}), one erasure's progress ({@code GET /api/ops/erasures/{id}}) and the unwrap
 * audit ({@code GET /api/ops/audit/unwraps} by subject or caller, {@code POST} with a personal number in the body,
 * so that it never reaches an access log), all OPS.
 */
@RestController
class ErasureController {

    private static final int MAX_LIMIT = 1000;

    /** An erasure's reason: a ticket reference, so that nothing typed there can name the person. */
    private static final Pattern TICKET = Pattern.compile("[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}");

    private static final String TICKET_EXAMPLE = "GDPR-42";

    private final Erasures erasures;
    private final ErasureProgress progress;
    private final UnwrapAuditView audit;
    private final Scheduler workers;

    ErasureController(
            Erasures erasures,
            ErasureProgress progress,
            UnwrapAuditView audit,
            @Qualifier("opsWorkers") Scheduler workers) {
        this.erasures = erasures;
        this.progress = progress;
        this.audit = audit;
        this.workers = workers;
    }

    @PostMapping("/api/ops/erasures")
    Mono<ResponseEntity<Object>> erase(@RequestBody(required = false) JsonNode body, ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        if (body == null
                || !body.isObject()
                || !body.path("personalNumber").isTextual()
                || !body.path("reason").isTextual()) {
            return Mono.just(bad(
                    "send {\"personalNumber\": \"YYYYMMDD-NNNN\", \"reason\": \"" + TICKET_EXAMPLE + "\"}", instance));
        }
        if (!TICKET.matcher(body.get("reason").asText()).matches()) {
            return Mono.just(ProblemDetails.response(
                    HttpStatus.BAD_REQUEST,
                    "invalid-reason",
                    "reason must be the ticket of the request, like " + TICKET_EXAMPLE + " (" + TICKET.pattern()
                            + "), never free text: it is kept in plaintext and must name nobody",
                    instance));
        }
        String personalNumber = body.get("personalNumber").asText();
        String reason = body.get("reason").asText();
        return exchange.getPrincipal()
                .map(Principal::getName)
                .flatMap(actor -> Mono.fromCallable(() -> {
                            try {
                                Erasures.Erasure erasure = erasures.erase(personalNumber, actor, reason);
                                return ResponseEntity.accepted()
                                        .location(URI.create(instance + "/" + erasure.id()))
                                        .<Object>body(status(erasure));
                            } catch (IllegalArgumentException e) {
                                return ProblemDetails.response(
                                        HttpStatus.BAD_REQUEST, "invalid-personal-number", e.getMessage(), instance);
                            } catch (Erasures.NoSuchPersonException e) {
                                return noSuchPerson(e, instance);
                            }
                        })
                        .subscribeOn(workers));
    }

    @GetMapping("/api/ops/erasures")
    Mono<ResponseEntity<Object>> recent(@RequestParam(defaultValue = "50") int limit, ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.just(bad(
                    "limit must be 1 to " + MAX_LIMIT,
                    exchange.getRequest().getPath().value()));
        }
        return Mono.fromCallable(() -> ResponseEntity.ok((Object) Map.of("erasures", erasures.recent(limit))))
                .subscribeOn(workers);
    }

    /**
     * One erasure and how far the read side got with it: {@code status} {@code DONE} once every segment of the case
     * projections is past its {@code SubjectErased}, each segment's position until then; {@code DEAD_LETTERED} with
     * the {@code deadLetterSequence} to retry when the projection could not apply it.
     */
    @GetMapping("/api/ops/erasures/{id}")
    Mono<ResponseEntity<Object>> erasure(@PathVariable String id, ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        return Mono.fromCallable(() -> erasures.find(id)
                        .map(erasure -> ResponseEntity.ok((Object) status(erasure)))
                        .orElseGet(() -> ProblemDetails.response(
                                HttpStatus.NOT_FOUND, "no-such-erasure", "No erasure has the id " + id, instance)))
                .subscribeOn(workers);
    }

    private Map<String, Object> status(Erasures.Erasure erasure) {
        ErasureProgress.Progress now = progress.of(erasure.id());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", erasure.id());
        status.put("occurredAt", erasure.occurredAt());
        status.put("actor", erasure.actor());
        status.put("subject", erasure.subject());
        status.put("reason", erasure.reason());
        status.put("shredded", erasure.shredded());
        status.put("status", now.status());
        status.put("eventPosition", now.eventPosition());
        status.put("processor", now.processor());
        status.put("segments", now.segments());
        status.put("erasedSmsInInbox", now.erasedSmsInInbox());
        if (now.deadLetterSequence() != null) {
            status.put("deadLetterSequence", now.deadLetterSequence());
        }
        return status;
    }

    /** {@code ?subject=}, {@code ?caller=STAFF_PROJECTION}, {@code ?from=<instant>}, {@code ?limit=}. */
    @GetMapping("/api/ops/audit/unwraps")
    Mono<ResponseEntity<Object>> unwraps(
            @RequestParam(required = false) String personalNumber,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String caller,
            @RequestParam(required = false) String from,
            @RequestParam(defaultValue = "100") int limit,
            ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        if (personalNumber != null) {
            return Mono.just(bad(
                    "a personal number in a URL ends up in access logs: POST /api/ops/audit/unwraps"
                            + " {\"personalNumber\": \"YYYYMMDD-NNNN\"} instead",
                    instance));
        }
        return unwraps(null, subject, caller, from, limit, instance);
    }

    /** The same look-up by personal number, which travels in the body: {@code {"personalNumber": ..., "limit": ...}}. */
    @PostMapping("/api/ops/audit/unwraps")
    Mono<ResponseEntity<Object>> unwrapsOfPerson(
            @RequestBody(required = false) JsonNode body, ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        if (body == null
                || !body.isObject()
                || !body.path("personalNumber").isTextual()
                || (body.has("caller") && !body.get("caller").isTextual())
                || (body.has("from") && !body.get("from").isTextual())
                || (body.has("limit") && !body.get("limit").isInt())) {
            return Mono.just(bad(
                    "send {\"personalNumber\": \"YYYYMMDD-NNNN\"} and optionally \"caller\", \"from\", \"limit\"",
                    instance));
        }
        return unwraps(
                body.get("personalNumber").asText(),
                null,
                body.hasNonNull("caller") ? body.get("caller").asText() : null,
                body.hasNonNull("from") ? body.get("from").asText() : null,
                body.path("limit").asInt(100),
                instance);
    }

    private Mono<ResponseEntity<Object>> unwraps(
            String personalNumber, String subject, String caller, String from, int limit, String instance) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.just(bad("limit must be 1 to " + MAX_LIMIT, instance));
        }
        Instant since;
        try {
            since = from == null ? null : Instant.parse(from);
        } catch (DateTimeParseException e) {
            return Mono.just(bad("from must be an ISO-8601 instant like 2026-11-25T08:00:00Z", instance));
        }
        return Mono.fromCallable(() -> {
                    String who;
                    try {
                        who = personalNumber != null ? erasures.subjectOf(personalNumber) : subject;
                    } catch (IllegalArgumentException e) {
                        return ProblemDetails.response(
                                HttpStatus.BAD_REQUEST, "invalid-personal-number", e.getMessage(), instance);
                    } catch (Erasures.NoSuchPersonException e) {
                        return noSuchPerson(e, instance);
                    }
                    return ResponseEntity.ok((Object) Map.of("entries", audit.entries(who, caller, since, limit)));
                })
                .subscribeOn(workers);
    }

    private static ResponseEntity<Object> noSuchPerson(Erasures.NoSuchPersonException e, String instance) {
        return ProblemDetails.response(HttpStatus.NOT_FOUND, "no-such-person", e.getMessage(), instance);
    }

    private static ResponseEntity<Object> bad(String detail, String instance) {
        return ProblemDetails.response(HttpStatus.BAD_REQUEST, "bad-request", detail, instance);
    }
}
