package se.caseflow.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.gate.RecordKeys;
import se.caseflow.web.config.CaseflowProperties;

/**
 * {@code POST /api/commands/{type}}: the HTTP channel into the command gate. The body is read with a
 * hard size limit and parsed with nesting limits; the gate then runs on the command worker pool.
 */
@RestController
class CommandController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final CommandGate gate;
    private final ObjectMapper commandJson;
    private final Scheduler commandScheduler;
    private final int maxCommandBytes;

    CommandController(
            CommandGate gate,
            @Qualifier("commandJson") ObjectMapper commandJson,
            @Qualifier("commandScheduler") Scheduler commandScheduler,
            CaseflowProperties properties) {
        this.gate = gate;
        this.commandJson = commandJson;
        this.commandScheduler = commandScheduler;
        this.maxCommandBytes = properties.maxCommandBytes();
    }

    @PostMapping(path = "/api/commands/{type}")
    Mono<ResponseEntity<Object>> submit(
            @PathVariable String type,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            ServerWebExchange exchange) {
        URI instance = exchange.getRequest().getURI();
        MediaType contentType = exchange.getRequest().getHeaders().getContentType();
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            return Mono.just(Problems.response(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    "Commands must be sent as application/json",
                    instance));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            return Mono.just(Problems.response(
                    HttpStatus.BAD_REQUEST,
                    "bad-idempotency-key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters",
                    instance));
        }
        if (idempotencyKey != null && RecordKeys.isReserved(idempotencyKey)) {
            return Mono.just(Problems.response(
                    HttpStatus.BAD_REQUEST,
                    "bad-idempotency-key",
                    "Idempotency-Key must not start with '" + RecordKeys.PREFIX
                            + "': caseflow keys Kafka records sent without a key that way",
                    instance));
        }
        long declaredLength = exchange.getRequest().getHeaders().getContentLength();
        if (declaredLength > maxCommandBytes) {
            return Mono.just(tooLarge(instance));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxCommandBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> handle(type, idempotencyKey, bytes, instance))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(tooLarge(instance)));
    }

    private Mono<ResponseEntity<Object>> handle(String type, String idempotencyKey, byte[] body, URI instance) {
        if (body.length == 0) {
            return Mono.just(
                    Problems.response(HttpStatus.BAD_REQUEST, "malformed-json", "The command body is empty", instance));
        }
        JsonNode payload;
        try {
            payload = parse(body);
        } catch (JsonProcessingException e) {
            return Mono.just(Problems.response(HttpStatus.BAD_REQUEST, "malformed-json", describe(e), instance));
        }
        if (!payload.isObject()) {
            return Mono.just(Problems.response(
                    HttpStatus.BAD_REQUEST, "malformed-json", "The command body must be a JSON object", instance));
        }
        CommandRequest request = new CommandRequest(type, payload, idempotencyKey, "http");
        return Mono.fromCallable(() -> gate.submit(request))
                .subscribeOn(commandScheduler)
                .map(outcome -> respond(outcome, instance));
    }

    private JsonNode parse(byte[] body) throws JsonProcessingException {
        try {
            return commandJson.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading an in-memory body failed", e);
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "The command body exceeds a JSON limit: " + e.getOriginalMessage();
        }
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "The command body is not valid JSON" + where + ": " + e.getOriginalMessage();
    }

    private ResponseEntity<Object> tooLarge(URI instance) {
        return Problems.response(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "The command body is larger than " + maxCommandBytes + " bytes",
                instance);
    }

    private static ResponseEntity<Object> respond(CommandOutcome outcome, URI instance) {
        if (outcome instanceof CommandOutcome.Accepted accepted) {
            return ResponseEntity.ok()
                    .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("type", accepted.type(), "caseId", accepted.aggregateId(), "status", "accepted"));
        }
        if (outcome instanceof CommandOutcome.Invalid invalid) {
            return Problems.invalid(invalid, instance);
        }
        if (outcome instanceof CommandOutcome.UnknownType unknown) {
            return Problems.response(
                    HttpStatus.NOT_FOUND,
                    "unknown-command",
                    "There is no command named '" + unknown.type() + "'",
                    instance);
        }
        if (outcome instanceof CommandOutcome.Refused refused) {
            return Problems.refused(refused, instance);
        }
        return Problems.keyConflict((CommandOutcome.KeyConflict) outcome, instance);
    }
}
