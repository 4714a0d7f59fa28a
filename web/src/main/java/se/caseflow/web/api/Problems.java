package se.caseflow.web.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.web.problem.ProblemDetails;

/** RFC 9457 problem details for every way a command can be turned away. */
final class Problems {

    private Problems() {}

    static ResponseEntity<Object> response(HttpStatus status, String type, String detail, URI instance) {
        return build(status, problem(status, type, detail, instance));
    }

    static ResponseEntity<Object> invalid(CommandOutcome.Invalid invalid, URI instance) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
        Map<String, Object> problem = problem(
                status,
                "invalid-command",
                invalid.violations().size() + " violation(s) of the " + invalid.type() + " schema",
                instance);
        List<Map<String, String>> violations = invalid.violations().stream()
                .map(v -> Map.of("pointer", v.pointer(), "message", v.message()))
                .toList();
        problem.put("violations", violations);
        return build(status, problem);
    }

    static ResponseEntity<Object> refused(CommandOutcome.Refused refused, URI instance) {
        HttpStatus status = "case-not-found".equals(refused.code()) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        Map<String, Object> problem = problem(status, refused.code(), refused.message(), instance);
        problem.put("caseId", refused.aggregateId());
        return build(status, problem);
    }

    static ResponseEntity<Object> keyConflict(CommandOutcome.KeyConflict conflict, URI instance) {
        if (conflict.reason() == CommandOutcome.KeyConflict.Reason.IN_FLIGHT) {
            return response(
                    HttpStatus.CONFLICT,
                    "idempotency-key-in-flight",
                    "A request with this Idempotency-Key is still being processed; retry later",
                    instance);
        }
        return response(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "This Idempotency-Key was used for a different request",
                instance);
    }

    private static Map<String, Object> problem(HttpStatus status, String type, String detail, URI instance) {
        return ProblemDetails.body(status, type, detail, instance.getRawPath());
    }

    private static ResponseEntity<Object> build(HttpStatus status, Map<String, Object> problem) {
        return ProblemDetails.response(status, problem);
    }
}
