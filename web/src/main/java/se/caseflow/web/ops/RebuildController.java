package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.web.problem.ProblemDetails;

/**
 * {@code /api/ops/rebuilds}: start a rebuild of a projection without downtime and follow its progress (role
 * OPS). {@code POST {"processor": "case-projections", "reason": "..."}} answers 202 with the progress.
 */
@RestController
class RebuildController {

    private final Rebuilds rebuilds;
    private final Scheduler workers;

    RebuildController(Rebuilds rebuilds, @Qualifier("opsWorkers") Scheduler workers) {
        this.rebuilds = rebuilds;
        this.workers = workers;
    }

    @PostMapping("/api/ops/rebuilds")
    Mono<ResponseEntity<Object>> start(@RequestBody(required = false) JsonNode body, ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        if (body == null
                || !body.isObject()
                || !body.path("processor").isTextual()
                || (body.has("reason") && !body.get("reason").isTextual())
                || body.path("reason").asText("").length() > 200) {
            return Mono.just(ProblemDetails.response(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "send {\"processor\": \"<name>\", \"reason\": \"<at most 200 characters>\"}",
                    instance));
        }
        String processor = body.get("processor").asText();
        String reason = body.path("reason").asText("rebuild requested");
        return exchange.getPrincipal()
                .map(Principal::getName)
                .flatMap(user -> Mono.fromCallable(() -> {
                            try {
                                return ResponseEntity.status(HttpStatus.ACCEPTED)
                                        .<Object>body(rebuilds.start(processor, user, reason, false));
                            } catch (Rebuilds.RefusedException e) {
                                return refused(e, instance);
                            }
                        })
                        .subscribeOn(workers));
    }

    /** This node's rebuilds, and the node that holds the rebuild lock now ({@code rebuilder}, null: none). */
    @GetMapping("/api/ops/rebuilds")
    Mono<Map<String, Object>> list() {
        return Mono.fromCallable(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("replayable", rebuilds.replayable());
                    body.put("rebuilder", rebuilds.rebuilder().orElse(null));
                    body.put("current", rebuilds.current().orElse(null));
                    body.put("history", rebuilds.history());
                    return body;
                })
                .subscribeOn(workers);
    }

    @GetMapping("/api/ops/rebuilds/current")
    ResponseEntity<Object> current(ServerWebExchange exchange) {
        return rebuilds.current()
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ProblemDetails.response(
                        HttpStatus.NOT_FOUND,
                        "no-rebuild",
                        "No rebuild has run since this node started",
                        exchange.getRequest().getPath().value()));
    }

    static ResponseEntity<Object> refused(Rebuilds.RefusedException e, String instance) {
        HttpStatus status = e.code.equals("unknown-processor") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return ProblemDetails.response(status, e.code, e.getMessage(), instance);
    }
}
