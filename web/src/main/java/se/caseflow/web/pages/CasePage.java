package se.caseflow.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.json.Json;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.web.forms.FormCommands;
import se.caseflow.web.forms.FormField;
import se.caseflow.web.forms.FormPayload;
import se.caseflow.web.forms.FormState;

/**
 * The staff case page ({@code templates/case.html}): the case document, its activity timeline and its forms,
 * and what every form on it does when posted: a command made of the form's fields through the staff gate, then
 * back to the page, or the page again with the errors and what was typed.
 */
@Component
class CasePage {

    static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    /** The inputs of each form on the page, by form name ({@link Forms}); forms of buttons only have none. */
    static final Map<String, List<FormField>> FIELDS = Map.of(
            Forms.NOTE,
            List.of(new FormField("text", "Note", "textarea", List.of(), true, null, null)),
            Forms.CLOSE,
            List.of(
                    FormField.select(
                            "reason",
                            "Reason",
                            Arrays.stream(CloseReason.values()).map(Enum::name).toList()),
                    new FormField("comment", "Comment", "text", List.of(), false, null, null)),
            Forms.ACCEPT,
            List.of(new FormField("partnerId", "Partner", "hidden", List.of(), true, null, null)),
            Forms.SEND_LETTER,
            List.of(),
            Forms.LETTER_SIGNED,
            List.of(),
            Forms.PAYOUT,
            List.of(new FormField("amountSek", "Amount paid out (kr)", "number", List.of(), true, null, null)),
            Forms.FOLLOW_UP,
            List.of(
                    new FormField("date", "Date", "date", List.of(), true, null, "The case shows in Today then"),
                    new FormField("note", "What to do", "text", List.of(), true, null, null)));

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int TIMELINE_LIMIT = 1000;
    /** A case just opened may not be projected yet when the browser follows the redirect to it. */
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(3);

    private static final Duration PROJECTION_POLL = Duration.ofMillis(50);

    private final ProjectionReader reader;
    private final Scheduler workers;
    private final PageCommands commands;
    private final PartnerDirectory partners;
    private final ObjectMapper json = Json.mapper();

    CasePage(
            ProjectionReader reader,
            @Qualifier("docStoreWorkers") Scheduler workers,
            PageCommands commands,
            PartnerDirectory partners) {
        this.reader = reader;
        this.workers = workers;
        this.commands = commands;
        this.partners = partners;
    }

    Mono<Rendering> render(String id, Forms forms, HttpStatus status) {
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
                                .modelAttribute("fields", FIELDS)
                                .modelAttribute("partnerNames", partnerNames(doc))
                                .modelAttribute("forms", forms)
                                .status(status)
                                .build()))
                .defaultIfEmpty(missing(id));
    }

    /**
     * Sends a case command made of the form's fields (blank ones left out, for the gate to name) plus what
     * {@code more} adds, and redirects back to the case page, or shows it again with the errors and what was
     * typed in the form {@code name}.
     */
    Mono<Rendering> afterCommand(
            String id, String type, String name, MultiValueMap<String, String> form, Consumer<ObjectNode> more) {
        if (!CASE_ID.matcher(id).matches()) {
            return Mono.just(missing(id));
        }
        List<FormField> fields = FIELDS.get(name);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("caseId", id);
        Map<String, String> typed = new HashMap<>();
        for (FormField field : fields) {
            String value = Optional.ofNullable(form.getFirst(field.name())).orElse("");
            typed.put(field.name(), value);
            FormPayload.put(payload, field.name(), field, value);
        }
        String key = FormCommands.key(form.getFirst(FormCommands.KEY_FIELD));
        more.accept(payload);
        return commands.submit(type, payload, key).flatMap(outcome -> {
            if (outcome instanceof CommandOutcome.Accepted) {
                return Mono.just(Rendering.redirectTo("/cases/" + id).build());
            }
            HttpStatus status =
                    outcome instanceof CommandOutcome.Invalid ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT;
            FormState failed = new FormState(typed, FormCommands.errors(outcome, fields), FormCommands.newKey());
            return render(id, Forms.fresh().with(name, failed), status);
        });
    }

    /** The invited partners' names by id, as JSON for the bidding panel (the document holds ids only). */
    private String partnerNames(Map<String, Object> doc) {
        Map<String, String> names = new HashMap<>();
        if (doc.get("bidding") instanceof Map<?, ?> bidding && bidding.get("invitedPartners") instanceof List<?> ids) {
            for (Object id : ids) {
                names.put(id.toString(), partners.name(id.toString()).orElse(id.toString()));
            }
        }
        try {
            return json.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Rendering missing(String id) {
        return Rendering.view("case-missing")
                .modelAttribute("caseId", id)
                .status(HttpStatus.NOT_FOUND)
                .build();
    }

    Optional<Map<String, Object>> document(String caseId) {
        return reader.document("case/" + caseId).map(d -> {
            try {
                return json.readValue(d.json(), MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable document case/" + caseId, e);
            }
        });
    }
}
