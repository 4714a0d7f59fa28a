package se.caseflow.web.ops;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.web.problem.ProblemDetails;

/**
 * {@code /api/ops/key-rotations} (role OPS): finish a key rotation on the running cluster. {@code POST} (no body)
 * asks for one to the primary keys of the node it reaches, or answers the one that runs already, with {@code 202}
 * and {@code Location: /api/ops/key-rotations/{id}}; that {@code GET} follows its phases (docs/ops.md).
 */
@RestController
class KeyRotationController {

    private static final int LISTED = 20;

    private final KeyRotations rotations;
    private final Scheduler workers;

    KeyRotationController(KeyRotations rotations, @Qualifier("opsWorkers") Scheduler workers) {
        this.rotations = rotations;
        this.workers = workers;
    }

    @PostMapping("/api/ops/key-rotations")
    Mono<ResponseEntity<Object>> request(ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        return exchange.getPrincipal()
                .map(Principal::getName)
                .flatMap(user -> Mono.fromCallable(() -> {
                            KeyRotations.Rotation rotation = rotations.request(user);
                            rotations.tickSoon();
                            return ResponseEntity.status(HttpStatus.ACCEPTED)
                                    .location(URI.create(instance + "/" + rotation.id()))
                                    .<Object>body(status(rotation));
                        })
                        .subscribeOn(workers));
    }

    @GetMapping("/api/ops/key-rotations")
    Mono<Map<String, Object>> list() {
        return Mono.fromCallable(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("rotations", rotations.recent(LISTED));
                    body.put("keys", keys());
                    return body;
                })
                .subscribeOn(workers);
    }

    @GetMapping("/api/ops/key-rotations/{id}")
    Mono<ResponseEntity<Object>> one(@PathVariable String id, ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        return Mono.fromCallable(() -> rotations
                        .find(id)
                        .<ResponseEntity<Object>>map(rotation -> ResponseEntity.ok(status(rotation)))
                        .orElseGet(() -> ProblemDetails.response(
                                HttpStatus.NOT_FOUND,
                                "no-such-key-rotation",
                                "No key rotation with id " + id,
                                instance)))
                .subscribeOn(workers);
    }

    private Map<String, Object> status(KeyRotations.Rotation rotation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rotation", rotation);
        body.put("keys", keys());
        return body;
    }

    /** What this node sees: its primary keys, what is left under other keys, and the HMAC keys to remove once done. */
    Map<String, Object> keys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("node", rotations.node());
        keys.put("lookupRowsUnderOtherHmacKeys", rotations.remainingLookups());
        keys.put("subjectKeysUnderOtherKekKeys", rotations.remainingSubjectKeys());
        List<Long> old = rotations.oldHmacKeys();
        keys.put("hmacKeysToRemoveOnceDone", old);
        return keys;
    }
}
