package se.caseflow.web.docstore;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.web.problem.ProblemDetails;

/**
 * {@code GET /api/docs/{key}}: a one-off read under the same access policy as the socket. Documents answer
 * {@code {key, version, doc}}, feeds {@code {key, entries}} ({@code ?after=&limit=}), views
 * {@code {key, doc: {count, offset, members}}} ({@code ?offset=&limit=}).
 */
@RestController
class DocStoreController {

    private static final int MAX_LIMIT = 1000;
    private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private final ProjectionReader reader;
    private final DocumentAccessPolicy policy;
    private final Scheduler workers;
    private final int viewPageSize;

    DocStoreController(
            ProjectionReader reader,
            DocumentAccessPolicy policy,
            @Qualifier("docStoreWorkers") Scheduler workers,
            DocStoreProperties properties) {
        this.reader = reader;
        this.policy = policy;
        this.workers = workers;
        this.viewPageSize = properties.docstore().viewPageSize();
    }

    @GetMapping("/api/docs/{*path}")
    Mono<ResponseEntity<Object>> read(
            @PathVariable String path,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Long offset,
            @RequestParam(required = false) Integer limit,
            ServerWebExchange exchange) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        String instance = exchange.getRequest().getPath().value();
        if ((after != null && !ENTRY_ID.matcher(after).matches())
                || (offset != null && offset < 0)
                || (limit != null && (limit < 1 || limit > MAX_LIMIT))) {
            return Mono.just(problem(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "after is an entry id like 12-0, offset >= 0, limit 1 to " + MAX_LIMIT,
                    instance));
        }
        return exchange.getPrincipal().map(Viewer::of).flatMap(viewer -> {
            Optional<DocKey> docKey = DocKey.parse(key);
            if (docKey.isEmpty() || !policy.allows(viewer, docKey.get())) {
                return Mono.just(problem(HttpStatus.FORBIDDEN, "forbidden", "You may not read " + key, instance));
            }
            return Mono.fromCallable(() -> read(docKey.get(), after, offset, limit))
                    .subscribeOn(workers)
                    .map(body -> body.<ResponseEntity<Object>>map(json -> ResponseEntity.ok()
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .body(json))
                            .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "not-found", "No " + key, instance)));
        });
    }

    private Optional<String> read(DocKey key, String after, Long offset, Integer limit) {
        return switch (key.kind()) {
            case DOCUMENT ->
                reader.document(key.key()).map(d -> Frames.text(Frames.document(d.key(), d.version(), d.json())));
            case FEED ->
                reader.exists(key.key())
                        ? Optional.of(Frames.text(Frames.feed(
                                key.key(), reader.feed(key.key(), after, limit == null ? MAX_LIMIT : limit))))
                        : Optional.empty();
            case VIEW -> {
                long from = offset == null ? 0 : offset;
                yield Optional.of(Frames.text(
                        Frames.view(reader.view(key.key(), from, limit == null ? viewPageSize : limit), from, -1)));
            }
        };
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String detail, String instance) {
        return ProblemDetails.response(status, type, detail, instance);
    }
}
