package se.caseflow.web.ops;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The ops page {@code /ops} (role OPS): processors with their lag, the rebuild button with a progress bar and
 * ETA, and the dead letters, live through the doc-store document {@code ops/processors}. Its forms post to
 * {@code /ops/...} with the CSRF token and come back to the page with a notice.
 */
@Controller
class OpsPageController {

    private static final int DEAD_LETTER_ROWS = 50;

    private final OpsDocument document;
    private final Rebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final KeyRotations keyRotations;
    private final Scheduler workers;

    OpsPageController(
            OpsDocument document,
            Rebuilds rebuilds,
            DeadLetters deadLetters,
            KeyRotations keyRotations,
            @Qualifier("opsWorkers") Scheduler workers) {
        this.document = document;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.keyRotations = keyRotations;
        this.workers = workers;
    }

    record DeadLetterGroup(String processor, long letters, List<DeadLetters.Sequence> sequences) {}

    @GetMapping("/ops")
    Mono<String> page(
            @RequestParam(required = false) String error, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("error", error);
        model.addAttribute("done", done);
        return Mono.fromCallable(() -> {
                    Map<String, Object> content = document.content(0);
                    model.addAttribute("ops", content);
                    List<DeadLetterGroup> groups = new ArrayList<>();
                    @SuppressWarnings("unchecked")
                    List<ProcessorMonitor.Processor> processors =
                            (List<ProcessorMonitor.Processor>) content.get("processors");
                    for (ProcessorMonitor.Processor processor : processors) {
                        deadLetters
                                .queue(processor.name())
                                .ifPresent(queue -> groups.add(new DeadLetterGroup(
                                        processor.name(), queue.size(), deadLetters.list(queue, DEAD_LETTER_ROWS))));
                    }
                    model.addAttribute("deadLetters", groups);
                    model.addAttribute(
                            "keyRotation",
                            keyRotations.recent(1).stream().findFirst().orElse(null));
                    model.addAttribute("keyRotationLeft", keyRotations.remainingLookups());
                    model.addAttribute("subjectKeysLeft", keyRotations.remainingSubjectKeys());
                    model.addAttribute("oldHmacKeys", keyRotations.oldHmacKeys());
                    return "ops";
                })
                .subscribeOn(workers);
    }

    @PostMapping("/ops/rebuilds")
    Mono<String> rebuild(ServerWebExchange exchange) {
        return exchange.getFormData()
                .zipWith(exchange.getPrincipal().map(Principal::getName))
                .flatMap(form -> Mono.fromCallable(() -> {
                            String processor = form.getT1().getFirst("processor");
                            String reason = form.getT1().getFirst("reason");
                            if (processor == null || processor.isBlank()) {
                                return notice("error", "Choose a processor to rebuild");
                            }
                            String why =
                                    reason == null || reason.isBlank() ? "rebuild from the ops page" : reason.strip();
                            if (why.length() > 200) {
                                return notice("error", "The reason may have at most 200 characters");
                            }
                            try {
                                rebuilds.start(processor, form.getT2(), why, false);
                                return notice("done", "Rebuild of " + processor + " started");
                            } catch (Rebuilds.RefusedException e) {
                                return notice("error", e.getMessage());
                            }
                        })
                        .subscribeOn(workers));
    }

    @PostMapping("/ops/key-rotations")
    Mono<String> rotateKeys(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .flatMap(user -> Mono.fromCallable(() -> {
                            KeyRotations.Rotation rotation = keyRotations.request(user);
                            keyRotations.tickSoon();
                            return notice("done", "Key rotation " + rotation.id() + ": " + rotation.phase());
                        })
                        .subscribeOn(workers));
    }

    @PostMapping("/ops/dead-letters/{processor}/retry")
    Mono<String> retryAll(@PathVariable String processor) {
        return withQueue(processor, queue -> {
            int succeeded = deadLetters.retryAll(processor, queue);
            return notice("done", succeeded + " dead-letter sequence(s) of " + processor + " went through");
        });
    }

    @PostMapping("/ops/dead-letters/{processor}/{sequence}/retry")
    Mono<String> retry(@PathVariable String processor, @PathVariable String sequence) {
        return withQueue(
                processor,
                queue -> deadLetters.retry(processor, sequence)
                        ? notice("done", "Sequence " + sequence + " went through")
                        : notice("error", "Sequence " + sequence + " failed again; it stays in the dead letters"));
    }

    @PostMapping("/ops/dead-letters/{processor}/{sequence}/evict")
    Mono<String> evict(@PathVariable String processor, @PathVariable String sequence) {
        return withQueue(
                processor,
                queue -> notice(
                        "done",
                        deadLetters.evict(queue, sequence) + " dead letter(s) of " + sequence
                                + " evicted without being applied; rebuild the projection to apply them"));
    }

    private Mono<String> withQueue(
            String processor, java.util.function.Function<SequencedDeadLetterQueue<EventMessage<?>>, String> work) {
        return Mono.fromCallable(() -> deadLetters
                        .queue(processor)
                        .map(work)
                        .orElseGet(() -> notice("error", "No dead letters for " + processor)))
                .subscribeOn(workers);
    }

    private static String notice(String kind, String text) {
        return "redirect:/ops?" + kind + "=" + UriUtils.encodeQueryParam(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
