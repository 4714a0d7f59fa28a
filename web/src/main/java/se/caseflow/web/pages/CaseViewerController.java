package se.caseflow.web.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.read.ViewCatalog;

/**
 * case-viewer: {@code /cases} (the views with counts and the selected view's cases) and {@code /cases/{id}}
 * (the case document, its activity timeline, and forms to add a note and close the case). The first paint
 * is read from the projections here; {@code static/js/cases.js} keeps it live through the doc-store socket.
 */
@Controller
class CaseViewerController {

    /** The view shown when none is asked for. */
    private static final String DEFAULT_VIEW = "today";

    private final ProjectionReader reader;
    private final ViewCatalog catalog;
    private final Scheduler workers;
    private final CasePage page;
    private final Clock clock;
    private final int pageSize;

    CaseViewerController(
            ProjectionReader reader,
            ViewCatalog catalog,
            @Qualifier("docStoreWorkers") Scheduler workers,
            CasePage page,
            Clock clock,
            @Value("${caseflow.web.docstore.view-page-size:100}") int pageSize) {
        this.reader = reader;
        this.catalog = catalog;
        this.workers = workers;
        this.page = page;
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
                        page.document(member.caseId()).ifPresent(cases::add);
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
        return page.render(id, Forms.fresh(), HttpStatus.OK);
    }

    @PostMapping("/cases/{id}/notes")
    Mono<Rendering> addNote(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> page.afterCommand(id, "AddNote", Forms.NOTE, form, p -> {}));
    }

    @PostMapping("/cases/{id}/close")
    Mono<Rendering> close(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> page.afterCommand(id, "CloseCase", Forms.CLOSE, form, p -> {}));
    }

    private static Optional<ViewTab> pick(List<ViewTab> tabs, String name) {
        return tabs.stream().filter(tab -> tab.name().equals(name)).findFirst();
    }
}
