package se.caseflow.web.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.personal.Masks;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.RedisDump;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * Events stored by earlier versions load through the upcasters and rebuild the read side of today's code, and the
 * one-time migration of docs/privacy.md turns them into events that rebuild it byte for byte.
 *
 * <p>One story (a case opened, two notes, closed with a comment) is told through today's API. Its stored rows are
 * then written again under two other case ids: once as revision 1, as versions before ADR 0025 stored them (masks
 * and blind indexes in {@code CaseOpened}, the notes and the comment in plaintext), and once as those revision-1 rows
 * after the documented migration. After a rebuild from the first event, every Redis key of the migrated case equals
 * today's case's key for key (the case id aside); the revision-1 case equals it too except for the free text the
 * upcasters drop, and holds no mask, index or text of the revision-1 payload.
 */
class EarlierRevisionsReadSideTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSONAL_NUMBER = "19811218-9876";
    private static final String NORMALISED = "198112189876";
    private static final String PHONE = "+46701740605";
    private static final List<String> TEXTS =
            List.of("First note about the loan", "Second note: called back", "Closed after the call, no offer wanted");

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    PersonalDataUnwrapper unwrapper;

    @Autowired
    ProjectionReader reader;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    record Row(
            long sequence,
            String type,
            byte[] metadata,
            String payload,
            String revision,
            String payloadType,
            String timestamp) {}

    @Test
    void revisionOneEventsRebuildTodaysReadSideAndTheMigratedOnesRebuildItByteForByte() {
        WebTestClient staff = http.mutate()
                .responseTimeout(java.time.Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth(TestUsers.STAFF, TestUsers.STAFF_PASSWORD))
                .build();
        String today = command(staff, "OpenCase", """
                {"applicant": {"personalNumber": "%s", "firstName": "Early", "lastName": "Tolvansson",
                  "mobilePhone": "070-174 06 05", "email": "early@example.se",
                  "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}},
                 "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
                 "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}""".formatted(PERSONAL_NUMBER))
                .get("caseId")
                .asText();
        command(staff, "AddNote", "{\"caseId\": \"%s\", \"text\": \"%s\"}".formatted(today, TEXTS.get(0)));
        command(staff, "AddNote", "{\"caseId\": \"%s\", \"text\": \"%s\"}".formatted(today, TEXTS.get(1)));
        command(
                staff,
                "CloseCase",
                "{\"caseId\": \"%s\", \"reason\": \"WITHDRAWN_BY_APPLICANT\", \"comment\": \"%s\"}"
                        .formatted(today, TEXTS.get(2)));
        List<Row> todays = rows(today);
        assertThat(todays).extracting(Row::type).containsExactly("Case", "Case", "Case", "Case");

        String earlier = UUID.randomUUID().toString();
        String migrated = UUID.randomUUID().toString();
        List<Row> revisionOne =
                todays.stream().map(row -> asRevisionOne(row, today, earlier)).toList();
        revisionOne.forEach(row -> insert(earlier, row));
        revisionOne.stream().map(row -> migrate(row, earlier, migrated)).forEach(row -> insert(migrated, row));
        assertThat(rows(earlier)).extracting(Row::revision).containsExactly("1", "1", "1", "1");
        assertThat(rows(migrated)).extracting(Row::revision).containsExactly("2", "2", "2", "2");

        rebuild();

        SortedMap<String, String> todaysKeys = keysOf(today);
        assertThat(todaysKeys).isNotEmpty();
        assertThat(String.join("", todaysKeys.values())).contains(TEXTS.get(0), "Early Tolvansson");
        assertThat(RedisDump.differences(keysOf(migrated), todaysKeys))
                .as("the migrated events rebuild today's keys byte for byte")
                .isEmpty();
        SortedMap<String, String> earlierKeys = keysOf(earlier);
        assertThat(earlierKeys.keySet()).isEqualTo(todaysKeys.keySet());
        String earlierContent = String.join("", earlierKeys.values());
        assertThat(earlierContent)
                .as("the upcasters drop the free text of revision 1 and its personnummer index (the read side makes"
                        + " its own masks and phone routing index, as for today's events)")
                .doesNotContain(TEXTS.toArray(String[]::new))
                .doesNotContain(vault.blindIndex(PersonalDataKind.PERSONAL_NUMBER, NORMALISED))
                .contains("Early Tolvansson");
        earlierKeys.forEach((key, content) -> {
            if (!content.equals(todaysKeys.get(key))) {
                assertThat(TEXTS.stream().anyMatch(todaysKeys.get(key)::contains))
                        .as(
                                "%s differs only where today's holds free text: %s <> %s",
                                key, content, todaysKeys.get(key))
                        .isTrue();
            }
        });
    }

    private JsonNode command(WebTestClient staff, String type, String body) {
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

    private List<Row> rows(String caseId) {
        return jdbc.query(
                "SELECT sequencenumber, type, metadata, payload, payloadrevision, payloadtype, \"timestamp\""
                        + " FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getBytes(3),
                        new String(rs.getBytes(4), StandardCharsets.UTF_8),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)),
                caseId);
    }

    private void insert(String caseId, Row row) {
        jdbc.update(
                "INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,"
                        + " eventidentifier, metadata, payload, payloadrevision, payloadtype, \"timestamp\")"
                        + " VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                caseId,
                row.sequence(),
                row.type(),
                UUID.randomUUID().toString(),
                row.metadata(),
                row.payload().getBytes(StandardCharsets.UTF_8),
                row.revision(),
                row.payloadType(),
                row.timestamp());
    }

    /** Today's row as versions before ADR 0025 stored it (the shapes EventRevisionUpcasters reads). */
    private Row asRevisionOne(Row row, String today, String caseId) {
        ObjectNode payload = payload(row, today, caseId);
        String type = simpleName(row.payloadType());
        switch (type) {
            case "CaseOpened" -> {
                ObjectNode applicant = (ObjectNode) payload.get("applicant");
                mask(applicant, "personalNumber", Masks::personalNumber);
                mask(applicant, "name", Masks::name);
                mask(applicant, "mobilePhone", Masks::phone);
                mask(applicant, "email", Masks::email);
                mask(applicant, "address", Masks::addressLine);
                applicant.put("personalNumberIndex", vault.blindIndex(PersonalDataKind.PERSONAL_NUMBER, NORMALISED));
                applicant.put("mobilePhoneIndex", vault.blindIndex(PersonalDataKind.PHONE_NUMBER, PHONE));
            }
            case "NoteAdded" -> payload.put("text", open(payload.get("text")));
            case "CaseClosed" -> payload.put("comment", open(payload.get("comment")));
            default -> {
                return new Row(
                        row.sequence(),
                        row.type(),
                        row.metadata(),
                        write(payload),
                        row.revision(),
                        row.payloadType(),
                        row.timestamp());
            }
        }
        return new Row(
                row.sequence(), row.type(), row.metadata(), write(payload), "1", row.payloadType(), row.timestamp());
    }

    /**
     * The one-time migration of docs/privacy.md, as written there: remove what the upcaster removes, wrap each free
     * text under the case's applicant subject as {@code {"token": ...}}, set the revision to 2.
     */
    private Row migrate(Row row, String earlier, String caseId) {
        ObjectNode payload = payload(row, earlier, caseId);
        if (!"1".equals(row.revision())) {
            return new Row(
                    row.sequence(),
                    row.type(),
                    row.metadata(),
                    write(payload),
                    row.revision(),
                    row.payloadType(),
                    row.timestamp());
        }
        String subject = vault.subjectFor(NORMALISED);
        switch (simpleName(row.payloadType())) {
            case "CaseOpened" -> {
                ObjectNode applicant = (ObjectNode) payload.get("applicant");
                applicant.remove(List.of("personalNumberIndex", "mobilePhoneIndex"));
                applicant.forEach(field -> {
                    if (field instanceof ObjectNode value) {
                        value.remove("mask");
                    }
                });
            }
            case "NoteAdded" -> wrap(payload, "text", subject);
            case "CaseClosed" -> wrap(payload, "comment", subject);
            default -> throw new IllegalStateException("no revision 1 of " + row.payloadType() + " in this story");
        }
        return new Row(
                row.sequence(), row.type(), row.metadata(), write(payload), "2", row.payloadType(), row.timestamp());
    }

    private void wrap(ObjectNode payload, String field, String subject) {
        String text = payload.get(field).asText();
        payload.set(field, JSON.createObjectNode().put("token", vault.wrap(subject, PersonalDataKind.FREE_TEXT, text)));
    }

    private void mask(ObjectNode applicant, String field, Function<String, String> mask) {
        ObjectNode value = (ObjectNode) applicant.get(field);
        value.put("mask", mask.apply(open(value)));
    }

    private String open(JsonNode protectedValue) {
        Unwrapped opened =
                unwrapper.unwrap(protectedValue.get("token").asText(), TrustedCaller.STAFF_PROJECTION, "test");
        return ((Unwrapped.Revealed) opened).plaintext();
    }

    private static ObjectNode payload(Row row, String from, String to) {
        try {
            return (ObjectNode) JSON.readTree(row.payload().replace(from, to));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private void rebuild() {
        WebTestClient ops = http.mutate()
                .responseTimeout(java.time.Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth(TestUsers.OPS, TestUsers.OPS_PASSWORD))
                .build();
        String id = ops.post()
                .uri("/api/ops/rebuilds")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"processor\": \"" + ProcessingGroups.CASE_PROJECTIONS + "\", \"reason\": \"test\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode current = ops.get()
                    .uri("/api/ops/rebuilds/current")
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            if (current != null && id.equals(current.path("id").asText())) {
                assertThat(current.get("phase").asText()).isNotEqualTo("FAILED");
                if (current.get("phase").asText().equals("DONE")) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("rebuild " + id + " not done within 120 s");
    }

    /** Every key of the serving generation that names the case, and its content, with the case id replaced. */
    private SortedMap<String, String> keysOf(String caseId) {
        String prefix = se.caseflow.projections.store.ProjectionStore.keyPrefix(REDIS.prefix(), reader.generation());
        SortedMap<String, String> keys = new TreeMap<>();
        for (Map.Entry<String, String> entry : RedisDump.byKey(redis.sync(), prefix, key -> key.contains(caseId))
                .entrySet()) {
            keys.put(entry.getKey().replace(caseId, "{case}"), entry.getValue().replace(caseId, "{case}"));
        }
        return keys;
    }
}
