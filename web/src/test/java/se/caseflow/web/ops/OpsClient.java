package se.caseflow.web.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.web.TestUsers;

/** Commands as staff, the ops API as the ops user, and waiting for the read side. */
public final class OpsClient {

    static final String OPEN_CASE = """
            {"applicant": {"personalNumber": "%s", "firstName": "%s", "lastName": "Tolvansson",
              "mobilePhone": "070-174 06 05", "email": "tolvan@example.se",
              "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}},
             "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
             "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}
            """;

    final WebTestClient staff;
    final WebTestClient ops;

    public OpsClient(WebTestClient http) {
        this.staff = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        this.ops = http.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth(TestUsers.OPS, TestUsers.OPS_PASSWORD))
                .build();
    }

    public String openCase(String personalNumber, String firstName) {
        return command("OpenCase", OPEN_CASE.formatted(personalNumber, firstName))
                .get("caseId")
                .asText();
    }

    public JsonNode command(String type, String body) {
        return staff.post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    public JsonNode get(String uri) {
        return ops.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    public JsonNode post(String uri, String body, int status) {
        return ops.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    public static <T> T await(String what, Supplier<Optional<T>> probe) {
        return await(what, Duration.ofSeconds(60), probe);
    }

    /** Polls {@code probe} until it answers, failing after {@code patience} (a hang guard, not a timing claim). */
    static <T> T await(String what, Duration patience, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Not within " + patience.toSeconds() + " s: " + what);
    }
}
