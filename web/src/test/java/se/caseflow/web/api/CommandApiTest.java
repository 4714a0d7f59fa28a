package se.caseflow.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.web.PostgresApplicationTest;

/** The command side over HTTP, end to end on the real PostgreSQL server. */
class CommandApiTest extends PostgresApplicationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    PersonalDataVault vault;

    private EntityExchangeResult<JsonNode> post(String type, String body, String idempotencyKey) {
        return http.post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (idempotencyKey != null) {
                        h.add("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body)
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult();
    }

    private int eventsOf(String caseId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class, caseId);
    }

    private List<String> eventTypesOf(String caseId) {
        return jdbc.queryForList(
                "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class,
                caseId);
    }

    @Test
    void opensNotesAndClosesACase() {
        EntityExchangeResult<JsonNode> opened = post("OpenCase", CommandPayloads.openCase(), null);
        assertThat(opened.getStatus()).isEqualTo(HttpStatus.OK);
        String caseId = opened.getResponseBody().get("caseId").asText();
        assertThat(UUID.fromString(caseId)).isNotNull();

        assertThat(post("AddNote", CommandPayloads.addNote(caseId, "Called the applicant"), null)
                        .getStatus())
                .isEqualTo(HttpStatus.OK);
        assertThat(post("CloseCase", CommandPayloads.closeCase(caseId, "WITHDRAWN_BY_APPLICANT"), null)
                        .getStatus())
                .isEqualTo(HttpStatus.OK);

        assertThat(eventTypesOf(caseId))
                .containsExactly(
                        "se.caseflow.domain.api.CaseOpened",
                        "se.caseflow.domain.api.NoteAdded",
                        "se.caseflow.domain.api.CaseClosed");
    }

    @Test
    void refusesIllegalMovesWithAClearErrorAndWritesNothing() {
        String caseId = post("OpenCase", CommandPayloads.openCase(), null)
                .getResponseBody()
                .get("caseId")
                .asText();
        post("CloseCase", CommandPayloads.closeCase(caseId, "NO_OFFERS"), null);

        EntityExchangeResult<JsonNode> note = post("AddNote", CommandPayloads.addNote(caseId, "Too late"), null);
        assertThat(note.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(note.getResponseBody().get("type").asText()).endsWith("/case-closed");
        assertThat(note.getResponseBody().get("detail").asText())
                .isEqualTo("Cannot add a note to case " + caseId + ": it is closed");

        EntityExchangeResult<JsonNode> reopen = post("OpenCase", CommandPayloads.openCaseWithId(caseId), null);
        assertThat(reopen.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(reopen.getResponseBody().get("type").asText()).endsWith("/case-already-open");
        assertThat(eventsOf(caseId)).isEqualTo(2);

        String unknown = UUID.randomUUID().toString();
        EntityExchangeResult<JsonNode> missing = post("AddNote", CommandPayloads.addNote(unknown, "Hello"), null);
        assertThat(missing.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getResponseBody().get("type").asText()).endsWith("/case-not-found");
        assertThat(eventsOf(unknown)).isZero();
    }

    @Test
    void repeatWithTheSameKeyAndPayloadGetsTheFirstAnswerAgain() {
        String key = UUID.randomUUID().toString();
        EntityExchangeResult<JsonNode> first = post("OpenCase", CommandPayloads.openCase(), key);
        EntityExchangeResult<JsonNode> repeat = post("OpenCase", CommandPayloads.openCase(), key);

        assertThat(first.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(repeat.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(repeat.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventsOf(first.getResponseBody().get("caseId").asText())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", Integer.class, key))
                .isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherPayloadIsRefused() {
        String key = UUID.randomUUID().toString();
        String caseId = post("OpenCase", CommandPayloads.openCase(), key)
                .getResponseBody()
                .get("caseId")
                .asText();

        EntityExchangeResult<JsonNode> other =
                post("AddNote", CommandPayloads.addNote(caseId, "Another request, same key"), key);

        assertThat(other.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(other.getResponseBody().get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(eventsOf(caseId)).isEqualTo(1);
    }

    @Test
    void concurrentRepeatsCreateOneCase() throws Exception {
        String key = UUID.randomUUID().toString();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<EntityExchangeResult<JsonNode>>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> post("OpenCase", CommandPayloads.openCase(), key));
            }
            List<EntityExchangeResult<JsonNode>> results = new ArrayList<>();
            for (Future<EntityExchangeResult<JsonNode>> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            List<String> caseIds = results.stream()
                    .filter(r -> r.getStatus() == HttpStatus.OK)
                    .map(r -> r.getResponseBody().get("caseId").asText())
                    .distinct()
                    .toList();
            assertThat(caseIds).hasSize(1);
            assertThat(results).allSatisfy(r -> assertThat(r.getStatus()).isIn(HttpStatus.OK, HttpStatus.CONFLICT));
            results.stream()
                    .filter(r -> r.getStatus() == HttpStatus.CONFLICT)
                    .forEach(r -> assertThat(r.getResponseBody().get("type").asText())
                            .endsWith("/idempotency-key-in-flight"));
            assertThat(eventsOf(caseIds.get(0))).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Past the snapshot threshold (50) the case is loaded from its snapshot and still counts notes right. */
    @Test
    void longCasesAreSnapshottedAndLoadFromTheSnapshot() {
        String caseId = post("OpenCase", CommandPayloads.openCase(), null)
                .getResponseBody()
                .get("caseId")
                .asText();
        for (int note = 1; note <= 55; note++) {
            assertThat(post("AddNote", CommandPayloads.addNote(caseId, "Note " + note), null)
                            .getStatus())
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, caseId))
                .isGreaterThanOrEqualTo(1);

        post("AddNote", CommandPayloads.addNote(caseId, "After the snapshot"), null);

        byte[] last = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1",
                byte[].class,
                caseId);
        assertThat(new String(last, StandardCharsets.UTF_8)).contains("\"noteNumber\":56");
    }

    /** One node commits one command of a case before the next loads it: racing notes are all accepted. */
    @Test
    void notesRacingOnOneCaseAreAllAccepted() throws Exception {
        String caseId = post("OpenCase", CommandPayloads.openCase(), null)
                .getResponseBody()
                .get("caseId")
                .asText();
        int notes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(notes);
        try {
            for (int round = 0; round < 3; round++) {
                List<Callable<EntityExchangeResult<JsonNode>>> calls = new ArrayList<>();
                for (int i = 0; i < notes; i++) {
                    String text = "Round " + round + " note " + i;
                    calls.add(() -> post("AddNote", CommandPayloads.addNote(caseId, text), null));
                }
                for (Future<EntityExchangeResult<JsonNode>> future : pool.invokeAll(calls)) {
                    assertThat(future.get().getStatus()).isEqualTo(HttpStatus.OK);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsOf(caseId)).isEqualTo(1 + 3 * notes);
    }

    @Test
    void racingCreationsOfOneCaseStoreItOnce() throws Exception {
        String caseId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<EntityExchangeResult<JsonNode>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> post("OpenCase", CommandPayloads.openCaseWithId(caseId), null));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<EntityExchangeResult<JsonNode>> future : pool.invokeAll(calls)) {
                EntityExchangeResult<JsonNode> result = future.get();
                statuses.add((HttpStatus) result.getStatus());
                if (result.getStatus() == HttpStatus.CONFLICT) {
                    assertThat(result.getResponseBody().get("type").asText()).endsWith("/case-already-open");
                }
            }
            assertThat(statuses).containsOnly(HttpStatus.OK, HttpStatus.CONFLICT);
            assertThat(statuses).filteredOn(HttpStatus.OK::equals).hasSize(1);
            assertThat(eventsOf(caseId)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private void accepted(String type, String body, String idempotencyKey) {
        EntityExchangeResult<JsonNode> result = post(type, body, idempotencyKey);
        assertThat(result.getStatus().value())
                .as("%s: %s", type, result.getResponseBody())
                .isEqualTo(200);
    }

    @Test
    void storedEventsHoldNoPlaintextNoMaskAndNoBlindIndex() {
        String caseId = post("OpenCase", CommandPayloads.openCase(), null)
                .getResponseBody()
                .get("caseId")
                .asText();
        accepted("AddNote", CommandPayloads.addNote(caseId, "Ringde om lönespecen"), null);
        accepted(
                "SendSms",
                "{\"caseId\": \"%s\", \"messageId\": \"%s\", \"text\": \"Hej, vi saknar lönespecen\"}"
                        .formatted(caseId, UUID.randomUUID()),
                null);
        accepted(
                "ScheduleFollowUp",
                "{\"caseId\": \"%s\", \"followUpId\": \"%s\", \"date\": \"%s\", \"note\": \"Har lönespecen kommit?\"}"
                        .formatted(
                                caseId, UUID.randomUUID(), LocalDate.now(clock).plusDays(30)),
                null);
        accepted(
                "CloseCase",
                "{\"caseId\": \"%s\", \"reason\": \"DUPLICATE\", \"comment\": \"Dubblett av lönespecsärendet\"}"
                        .formatted(caseId),
                null);
        List<byte[]> stored = new ArrayList<>(jdbc.query(
                "SELECT payload, metadata FROM domainevententry WHERE aggregateidentifier = ?",
                (rs, row) -> concat(rs.getBytes(1), rs.getBytes(2)),
                caseId));
        assertThat(stored).hasSizeGreaterThanOrEqualTo(5);
        // the SMS saga keeps the text it sends: as a token too
        stored.addAll(jdbc.query("SELECT serializedsaga FROM sagaentry", (rs, row) -> rs.getBytes(1)));
        String text = new String(concat(stored), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("pd1.")
                .doesNotContain(
                        "lönespec",
                        "Ringde",
                        "Dubblett",
                        "19121212",
                        "****",
                        "T***",
                        "*** Stockholm",
                        vault.blindIndex(PersonalDataKind.PERSONAL_NUMBER, "191212121212"),
                        vault.blindIndex(PersonalDataKind.PHONE_NUMBER, "+46701740605"),
                        "191212121212",
                        "19121212-1212",
                        "121212-1212",
                        "1212121212",
                        "+46701740605",
                        "0701740605",
                        "701740605",
                        "174 06 05",
                        "tolvan.tolvansson",
                        "Tolvansson",
                        "Storgatan");
    }

    private static byte[] concat(List<byte[]> rows) {
        byte[] all = new byte[0];
        for (byte[] row : rows) {
            all = concat(all, row);
        }
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] second = b == null ? new byte[0] : b;
        byte[] joined = new byte[a.length + second.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(second, 0, joined, a.length, second.length);
        return joined;
    }
}
