package se.caseflow.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.read.ViewCatalog;

/**
 * case-viewer: {@code /cases} (the views with counts and the selected view's cases) and {@code /cases/{id}}
 * (the case document, its activity timeline, and forms to add a note and close the case). The first paint
 * is read from the projections here; {@code static/js/cases.js} keeps it live through the doc-store socket.
 */
@Controller
class CaseViewerController {

    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int TIMELINE_LIMIT = 1000;
    /** The view shown when none is asked for. */
    private static final String DEFAULT_VIEW = "today";
    /** A case just opened may not be projected yet when the browser follows the redirect to it. */
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(3);

    private static final Duration PROJECTION_POLL = Duration.ofMillis(50);
    private static final List<FormField> NOTE_FIELDS =
            List.of(new FormField("text", "Note", "textarea", List.of(), true, null, null));
    private static final List<FormField> CLOSE_FIELDS = List.of(
            FormField.select(
                    "reason",
                    "Reason",
                    Arrays.stream(CloseReason.values()).map(Enum::name).toList()),
            new FormField("comment", "Comment", "text", List.of(), false, null, null));

    private final ProjectionReader reader;
    private final ViewCatalog catalog;
    private final Scheduler workers;
    private final PageCommands commands;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final int pageSize;

    CaseViewerController(
            ProjectionReader reader,
            ViewCatalog catalog,
            @Qualifier("docStoreWorkers") Scheduler workers,
            PageCommands commands,
            Clock clock,
            @Value("${caseflow.web.docstore.view-page-size:100}") int pageSize) {
        this.reader = reader;
        this.catalog = catalog;
        this.workers = workers;
        this.commands = commands;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    @GetMapping("/cases")
    Mono<Rendering> list(@RequestParam(required = false) String view) {
        LocalDate today = LocalDate.now(clock.withZone(PageFormat.STOCKHOLM));
        return Mono.fromCallable(() -> {
                    List<ViewTab> tabs = new ArrayList<>();
                    for (ViewCatalog.Entry entry : catalog.views()) {
                        String key = entry.key(today);
                        tabs.add(new ViewTab(entry.name(), entry.label(), key, reader.count(key)));
                    }
                    ViewTab selected =
                            pick(tabs, view).or(() -> pick(tabs, DEFAULT_VIEW)).orElse(tabs.get(0));
                    List<Map<String, Object>> cases = new ArrayList<>();
                    for (ProjectionReader.ViewPage.Member member :
                            reader.view(selected.key(), 0, pageSize).members()) {
                        document(member.caseId()).ifPresent(cases::add);
                    }
                    return Rendering.view("cases")
                            .modelAttribute("tabs", tabs)
                            .modelAttribute("selected", selected)
                            .modelAttribute("cases", cases)
                            .build();
                })
                .subscribeOn(workers);
    }

    @GetMapping("/cases/{id}")
    Mono<Rendering> show(@PathVariable String id) {
        return casePage(id, Forms.fresh(), HttpStatus.OK);
    }

    @PostMapping("/cases/{id}/notes")
    Mono<Rendering> addNote(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> afterCommand(
                        id,
                        "AddNote",
                        form,
                        NOTE_FIELDS,
                        (forms, errors) -> forms.withNote(typed(form, "text"), errors)));
    }

    @PostMapping("/cases/{id}/close")
    Mono<Rendering> close(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> afterCommand(
                        id,
                        "CloseCase",
                        form,
                        CLOSE_FIELDS,
                        (forms, errors) -> forms.withClose(typed(form, "reason"), typed(form, "comment"), errors)));
    }

    private static String typed(MultiValueMap<String, String> form, String name) {
        return Optional.ofNullable(form.getFirst(name)).orElse("");
    }

    /**
     * Sends a case command made of the form's fields (blank ones left out, for the gate to name) and
     * redirects back to the case page, or shows it again with the errors and what was typed.
     */
    private Mono<Rendering> afterCommand(
            String id,
            String type,
            MultiValueMap<String, String> form,
            List<FormField> fields,
            BiFunction<Forms, FormErrors, Forms> failed) {
        if (!CASE_ID.matcher(id).matches()) {
            return Mono.just(missing(id));
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("caseId", id);
        for (FormField field : fields) {
            String value = typed(form, field.name());
            if (!value.isBlank()) {
                payload.put(field.name(), value);
            }
        }
        String key = PageCommands.key(form.getFirst(PageCommands.KEY_FIELD));
        return commands.submit(type, payload, key).flatMap(outcome -> {
            if (outcome instanceof CommandOutcome.Accepted) {
                return Mono.just(Rendering.redirectTo("/cases/" + id).build());
            }
            HttpStatus status =
                    outcome instanceof CommandOutcome.Invalid ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT;
            return casePage(id, failed.apply(Forms.fresh(), PageCommands.errors(outcome, fields)), status);
        });
    }

    private Mono<Rendering> casePage(String id, Forms forms, HttpStatus status) {
        if (!CASE_ID.matcher(id).matches()) {
            return Mono.just(missing(id));
        }
        return Mono.fromCallable(() -> document(id).orElse(null))
                .subscribeOn(workers)
                .repeatWhenEmpty(repeats ->
                        repeats.take(PROJECTION_WAIT.dividedBy(PROJECTION_POLL)).delayElements(PROJECTION_POLL))
                .flatMap(doc -> Mono.fromCallable(() -> reader.feed("case/" + id + "/activity", null, TIMELINE_LIMIT))
                        .subscribeOn(workers)
                        .map(entries -> Rendering.view("case")
                                .modelAttribute("doc", doc)
                                .modelAttribute("entries", entries)
                                .modelAttribute(
                                        "lastEntryId",
                                        entries.isEmpty()
                                                ? ""
                                                : entries.get(entries.size() - 1)
                                                        .id())
                                .modelAttribute("noteField", NOTE_FIELDS.get(0))
                                .modelAttribute("closeFields", CLOSE_FIELDS)
                                .modelAttribute("forms", forms)
                                .status(status)
                                .build()))
                .defaultIfEmpty(missing(id));
    }

    private static Optional<ViewTab> pick(List<ViewTab> tabs, String name) {
        return tabs.stream().filter(tab -> tab.name().equals(name)).findFirst();
    }

    private static Rendering missing(String id) {
        return Rendering.view("case-missing")
                .modelAttribute("caseId", id)
                .status(HttpStatus.NOT_FOUND)
                .build();
    }

    private Optional<Map<String, Object>> document(String caseId) {
        return reader.document("case/" + caseId).map(d -> {
            try {
                return json.readValue(d.json(), MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable document case/" + caseId, e);
            }
        });
    }
}
