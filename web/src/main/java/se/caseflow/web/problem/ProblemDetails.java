package se.caseflow.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details as every part of the web layer answers them: a {@code type} under
 * {@code https://caseflow.se/problems/}, the status's reason as {@code title}, and the request path as
 * {@code instance}. Plain maps, so extension members serialise the same with any JSON setup.
 */
public final class ProblemDetails {

    private static final String TYPE_BASE = "https://caseflow.se/problems/";

    private ProblemDetails() {}

    /** The problem's members, in order; callers may add extension members. */
    public static Map<String, Object> body(HttpStatus status, String type, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        return problem;
    }

    public static ResponseEntity<Object> response(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    public static ResponseEntity<Object> response(HttpStatus status, String type, String detail, String instance) {
        return response(status, body(status, type, detail, instance));
    }
}
