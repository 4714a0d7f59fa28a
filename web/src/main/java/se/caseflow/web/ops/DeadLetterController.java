package se.caseflow.web.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.web.problem.ProblemDetails;

/** {@code /api/ops/processors/{name}/dead-letters}: list, inspect, retry one or all, evict (role OPS). */
@RestController
class DeadLetterController {

    private static final String BASE = "/api/ops/processors/{name}/dead-letters";
    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;
    private final Scheduler workers;

    DeadLetterController(DeadLetters deadLetters, @Qualifier("opsWorkers") Scheduler workers) {
        this.deadLetters = deadLetters;
        this.workers = workers;
    }

    @GetMapping(BASE)
    Mono<ResponseEntity<Object>> list(
            @PathVariable String name, @RequestParam(defaultValue = "100") int limit, ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.just(ProblemDetails.response(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "limit must be 1 to " + MAX_LIMIT,
                    exchange.getRequest().getPath().value()));
        }
        return withQueue(name, exchange, queue -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("processor", name);
            body.put("sequences", queue.amountOfSequences());
            body.put("letters", queue.size());
            body.put("items", deadLetters.list(queue, limit));
            return ResponseEntity.ok(body);
        });
    }

    @GetMapping(BASE + "/{sequence}")
    Mono<ResponseEntity<Object>> inspect(
            @PathVariable String name, @PathVariable String sequence, ServerWebExchange exchange) {
        return withQueue(
                name,
                exchange,
                queue -> deadLetters
                        .sequence(queue, sequence)
                        .<ResponseEntity<Object>>map(ResponseEntity::ok)
                        .orElseGet(() -> noSequence(name, sequence, exchange)));
    }

    @PostMapping(BASE + "/{sequence}/retry")
    Mono<ResponseEntity<Object>> retry(
            @PathVariable String name, @PathVariable String sequence, ServerWebExchange exchange) {
        return withQueue(name, exchange, queue -> {
            if (!queue.contains(sequence)) {
                return noSequence(name, sequence, exchange);
            }
            boolean retried = deadLetters.retry(name, sequence);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sequence", sequence);
            body.put("retried", retried);
            body.put("remaining", queue.sequenceSize(sequence));
            return ResponseEntity.ok(body);
        });
    }

    @PostMapping(BASE + "/retry")
    Mono<ResponseEntity<Object>> retryAll(@PathVariable String name, ServerWebExchange exchange) {
        return withQueue(name, exchange, queue -> {
            long before = queue.amountOfSequences();
            int succeeded = deadLetters.retryAll(name, queue);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("attempted", before);
            body.put("succeeded", succeeded);
            body.put("remaining", queue.amountOfSequences());
            return ResponseEntity.ok(body);
        });
    }

    @DeleteMapping(BASE + "/{sequence}")
    Mono<ResponseEntity<Object>> evict(
            @PathVariable String name, @PathVariable String sequence, ServerWebExchange exchange) {
        return withQueue(name, exchange, queue -> {
            int evicted = deadLetters.evict(queue, sequence);
            return evicted == 0
                    ? noSequence(name, sequence, exchange)
                    : ResponseEntity.ok(Map.of("sequence", sequence, "evicted", evicted));
        });
    }

    private Mono<ResponseEntity<Object>> withQueue(
            String name,
            ServerWebExchange exchange,
            Function<SequencedDeadLetterQueue<EventMessage<?>>, ResponseEntity<Object>> work) {
        return Mono.fromCallable(() -> {
                    Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = deadLetters.queue(name);
                    return queue.isPresent()
                            ? work.apply(queue.get())
                            : ProblemDetails.response(
                                    HttpStatus.NOT_FOUND,
                                    "no-dead-letters",
                                    "No event processor named " + name + " with a dead-letter queue",
                                    exchange.getRequest().getPath().value());
                })
                .subscribeOn(workers);
    }

    private static ResponseEntity<Object> noSequence(String name, String sequence, ServerWebExchange exchange) {
        return ProblemDetails.response(
                HttpStatus.NOT_FOUND,
                "no-such-dead-letter",
                "No dead letters of " + name + " in sequence " + sequence,
                exchange.getRequest().getPath().value());
    }
}
