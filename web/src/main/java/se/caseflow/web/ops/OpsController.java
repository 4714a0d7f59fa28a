package se.caseflow.web.ops;

import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.web.problem.ProblemDetails;

/** {@code /api/ops/processors}: every event processor, its segments, lag and dead letters (role OPS). */
@RestController
class OpsController {

    private final ProcessorMonitor monitor;
    private final Scheduler workers;

    OpsController(ProcessorMonitor monitor, @Qualifier("opsWorkers") Scheduler workers) {
        this.monitor = monitor;
        this.workers = workers;
    }

    @GetMapping("/api/ops/processors")
    Mono<ResponseEntity<Object>> processors() {
        return blocking(() -> ResponseEntity.ok(Map.of("processors", monitor.processors())));
    }

    @GetMapping("/api/ops/processors/{name}")
    Mono<ResponseEntity<Object>> processor(@PathVariable String name, ServerWebExchange exchange) {
        return blocking(() -> monitor.processor(name)
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound(name, exchange)));
    }

    static ResponseEntity<Object> notFound(String processor, ServerWebExchange exchange) {
        return ProblemDetails.response(
                HttpStatus.NOT_FOUND,
                "unknown-processor",
                "No event processor named " + processor,
                exchange.getRequest().getPath().value());
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(workers);
    }
}
