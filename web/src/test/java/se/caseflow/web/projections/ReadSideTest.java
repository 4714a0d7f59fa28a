package se.caseflow.web.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.web.PostgresApplicationTest;

/** Commands over HTTP reach the Redis read side through the pooled processor, and a replay rebuilds it. */
class ReadSideTest extends PostgresApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    WebTestClient http;

    @Autowired
    ProjectionReader reader;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCaseAppearsInRedisAsItChangesAndARebuildWritesTheSameCopy() throws Exception {
        String caseId =
                post("OpenCase", CommandPayloads.openCase()).get("caseId").asText();
        JsonNode opened =
                await(() -> document(caseId).filter(d -> d.get("version").asLong() == 1));
        assertThat(opened.at("/applicant/name").asText()).isEqualTo("Tolvan Tolvansson");
        assertThat(opened.at("/applicant/personalNumberMask").asText()).isEqualTo("19121212-****");
        assertThat(opened.at("/loan/amount").asText()).isEqualTo("150 000 kr");
        // the day the case was opened on, not the machine's today: the two differ just after midnight
        Instant openedAt = Instant.parse(jdbc.queryForObject(
                "SELECT timestamp FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                String.class,
                caseId));
        String today =
                ProjectionReader.dailyViewKey("today", LocalDate.ofInstant(openedAt, ZoneId.of("Europe/Stockholm")));
        assertThat(reader.view(today, 0, 1000).members())
                .anyMatch(m -> m.caseId().equals(caseId));

        post("AddNote", "{\"caseId\": \"" + caseId + "\", \"text\": \"Payslip received\"}");
        post("CloseCase", "{\"caseId\": \"" + caseId + "\", \"reason\": \"WITHDRAWN_BY_APPLICANT\"}");
        JsonNode closed =
                await(() -> document(caseId).filter(d -> d.get("version").asLong() == 3));
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("notes").asInt()).isEqualTo(1);
        List<ProjectionReader.FeedEntry> activity = reader.feed("case/" + caseId + "/activity", null, 10);
        assertThat(activity)
                .extracting(e -> e.fields().get("text"))
                .containsExactly(
                        "Case opened: 150 000 kr over 60 months (CONSOLIDATION)",
                        "Note 1 added: Payslip received",
                        "Case closed: WITHDRAWN_BY_APPLICANT");
        assertThat(reader.view("view/open", 0, 1000).members())
                .noneMatch(m -> m.caseId().equals(caseId));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM tokenentry WHERE processorname = ?",
                        Integer.class,
                        ProcessingGroups.CASE_PROJECTIONS))
                .isEqualTo(2);

        String document = reader.document("case/" + caseId).orElseThrow().json();
        StreamingEventProcessor processor = processing
                .eventProcessor(ProcessingGroups.CASE_PROJECTIONS, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(reader.document("case/" + caseId)).isEmpty();
        processor.start();

        await(() -> reader.document("case/" + caseId).filter(d -> d.version() == 3));
        assertThat(reader.document("case/" + caseId).orElseThrow().json()).isEqualTo(document);
        assertThat(reader.feed("case/" + caseId + "/activity", null, 10)).isEqualTo(activity);
    }

    private Optional<JsonNode> document(String caseId) {
        return reader.document("case/" + caseId).map(d -> {
            try {
                return JSON.readTree(d.json());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The read side did not catch up within 30 s");
    }

    private JsonNode post(String type, String body) {
        return http.post()
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
}
