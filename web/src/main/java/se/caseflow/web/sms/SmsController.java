package se.caseflow.web.sms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.domain.sms.SmsLength;
import se.caseflow.twilio.SmsOutbox;
import se.caseflow.web.problem.ProblemDetails;

/**
 * For staff writing an SMS: the templates and the length of a text as the network counts it (GSM-7 or
 * UCS-2, segments), computed here before sending; and the local outbox page.
 */
@RestController
class SmsController {

    private static final int MAX_TEXT = 1600;

    private final SmsOutbox outbox;
    private final Scheduler commandScheduler;

    SmsController(SmsOutbox outbox, @Qualifier("commandScheduler") Scheduler commandScheduler) {
        this.outbox = outbox;
        this.commandScheduler = commandScheduler;
    }

    @GetMapping(path = "/api/sms/templates", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> templates() {
        return Arrays.stream(SmsTemplate.values())
                .map(template -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("templateId", template.name());
                    row.put("text", template.text());
                    row.putAll(length(template.text()));
                    return row;
                })
                .toList();
    }

    @GetMapping(path = "/api/sms/length", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> length(
            @RequestParam(name = "text", required = false) String text, ServerWebExchange exchange) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return ProblemDetails.response(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "text must be 1 to " + MAX_TEXT + " characters",
                    exchange.getRequest().getPath().value());
        }
        return ResponseEntity.ok(length(text));
    }

    private static Map<String, Object> length(String text) {
        SmsLength length = SmsLength.of(text);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("encoding", length.encoding().name());
        row.put("length", length.length());
        row.put("segments", length.segments());
        return row;
    }

    @GetMapping(path = "/sms/outbox", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> outboxPage() {
        return Mono.fromCallable(() -> page(outbox.latest(200))).subscribeOn(commandScheduler);
    }

    private String page(List<SmsOutbox.Entry> entries) {
        StringBuilder html = new StringBuilder(
                "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>SMS outbox: NOT SENT</title>"
                        + "<style>body{font-family:sans-serif;margin:2em}.banner{background:#b00020;color:#fff;"
                        + "padding:1em;font-weight:bold}td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left;"
                        + "vertical-align:top}.not-sent{color:#b00020;font-weight:bold}</style></head><body>");
        if (outbox.twilioConfigured()) {
            html.append("<p class=\"banner\">Twilio is configured: SMS are really sent. This outbox holds only what"
                    + " was written in local mode before.</p>");
        } else {
            html.append("<p class=\"banner\">LOCAL MODE: these SMS were NOT SENT. No Twilio credentials are"
                    + " configured (caseflow.twilio.account-sid / auth-token).</p>");
        }
        html.append("<h1>SMS outbox</h1><table><thead><tr><th>When (UTC)</th><th>Case</th><th>To</th><th>Text</th>"
                + "<th>Status</th></tr></thead><tbody>");
        for (SmsOutbox.Entry entry : entries) {
            html.append("<tr><td>")
                    .append(entry.createdAt())
                    .append("</td><td>")
                    .append(HtmlUtils.htmlEscape(entry.caseId()))
                    .append("</td><td>")
                    .append(HtmlUtils.htmlEscape(entry.toMask()))
                    .append("</td><td>")
                    .append(HtmlUtils.htmlEscape(entry.body()))
                    .append("</td><td class=\"not-sent\">NOT SENT</td></tr>");
        }
        if (entries.isEmpty()) {
            html.append("<tr><td colspan=\"5\">Nothing yet.</td></tr>");
        }
        return html.append("</tbody></table></body></html>").toString();
    }
}
