package se.caseflow.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.projections.Notices;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/** The case projection fed events directly, on the real Redis under a random key prefix. */
class CaseProjectionTest {

    static final TestRedis REDIS = TestRedis.create("projections");

    static final ObjectMapper JSON = new ObjectMapper();
    // 09:30 in Stockholm (CET, UTC+1) on 25 November 2026; 23:30 UTC is already the 26th there
    static final Instant MORNING = Instant.parse("2026-11-25T08:30:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    ProjectionStore store;
    ProjectionReader reader;
    AnnotationEventHandlerAdapter handlers;

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    CaseProjectionTest() {
        store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
        reader = new ProjectionReader(REDIS.client(), REDIS.connection(), REDIS.prefix());
        handlers = new AnnotationEventHandlerAdapter(
                new CaseProjection(store, (token, caller, purpose) -> TestEvents.unwrap(token)));
    }

    @AfterEach
    void wipe() {
        REDIS.deleteKeys();
    }

    void handle(EventMessage<?> event) throws Exception {
        handlers.handle(event);
    }

    @Test
    void opensNotesAndClosesACase() throws Exception {
        Notices notices = new Notices();
        try (AutoCloseable subscription = reader.subscribe(notices)) {
            handle(TestEvents.message(
                    "c1",
                    0,
                    TestEvents.opened("c1", "Anna Maria Svensson", 150_000, 60, LoanPurpose.CONSOLIDATION),
                    MORNING));

            JsonNode opened = document("case/c1");
            assertThat(opened.get("version").asLong()).isEqualTo(1);
            assertThat(opened.get("status").asText()).isEqualTo("OPEN");
            assertThat(opened.at("/applicant/name").asText()).isEqualTo("Anna Maria Svensson");
            assertThat(opened.at("/applicant/nameMask").asText()).isEqualTo("A*** M*** S***");
            assertThat(opened.at("/applicant/personalNumberMask").asText()).isEqualTo("19121212-****");
            assertThat(opened.at("/loan/amount").asText()).isEqualTo("150 000 kr");
            assertThat(opened.at("/nextAction/code").asText()).isEqualTo("REVIEW");
            assertThat(opened.get("openedAt").asText()).isEqualTo("2026-11-25T08:30:00Z");
            assertThat(opened.get("closedAt").isNull()).isTrue();
            assertThat(reader.view("view/open", 0, 10).members())
                    .containsExactly(new ProjectionReader.ViewPage.Member("c1", MORNING.toEpochMilli()));
            assertThat(reader.count(ProjectionReader.dailyViewKey("today", DAY)))
                    .isEqualTo(1);

            handle(TestEvents.message("c1", 1, TestEvents.note("c1", 1, "Payslip received"), MORNING.plusSeconds(60)));
            handle(TestEvents.message(
                    "c1",
                    2,
                    TestEvents.closed("c1", CloseReason.WITHDRAWN_BY_APPLICANT, null),
                    Instant.parse("2026-11-25T23:30:00Z")));

            JsonNode closed = document("case/c1");
            assertThat(closed.get("version").asLong()).isEqualTo(3);
            assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
            assertThat(closed.get("notes").asInt()).isEqualTo(1);
            assertThat(closed.get("nextAction").isNull()).isTrue();
            assertThat(closed.get("closeReason").asText()).isEqualTo("WITHDRAWN_BY_APPLICANT");
            assertThat(closed.get("updatedAt").asText()).isEqualTo("2026-11-25T23:30:00Z");
            assertThat(closed.get("applicant").get("name").asText()).isEqualTo("Anna Maria Svensson");

            assertThat(reader.feed("case/c1/activity", null, 100))
                    .extracting(e -> e.id() + " " + e.fields().get("text") + " @ "
                            + e.fields().get("localTime"))
                    .containsExactly(
                            "1-0 Case opened: 150 000 kr over 60 months (CONSOLIDATION) @ 2026-11-25 09:30",
                            "2-0 Note 1 added: Payslip received @ 2026-11-25 09:31",
                            "3-0 Case closed: WITHDRAWN_BY_APPLICANT @ 2026-11-26 00:30");
            assertThat(reader.feed("case/c1/activity", "1-0", 100))
                    .extracting(ProjectionReader.FeedEntry::id)
                    .containsExactly("2-0", "3-0");
            assertThat(reader.feed("case/c1/activity", "1-0", 1).get(0).fields())
                    .containsOnlyKeys("version", "type", "text", "at", "localTime")
                    .containsEntry("type", "NoteAdded");

            assertThat(reader.count("view/open")).isZero();
            assertThat(reader.count(ProjectionReader.dailyViewKey("today", DAY)))
                    .isZero();
            assertThat(reader.view(ProjectionReader.dailyViewKey("closed-today", DAY.plusDays(1)), 0, 10)
                            .members())
                    .extracting(ProjectionReader.ViewPage.Member::caseId)
                    .containsExactly("c1");

            handle(TestEvents.message(
                    "barrier",
                    0,
                    TestEvents.opened("barrier", "Anna Svensson", 10_000, 12, LoanPurpose.OTHER),
                    MORNING));
            assertThat(notices.before(notice -> notice.contains("\"case/barrier\"")))
                    .containsExactly(
                            "{\"key\":\"case/c1\",\"version\":1}",
                            "{\"key\":\"case/c1/activity\",\"entryId\":\"1-0\"}",
                            "{\"key\":\"view/open\",\"op\":\"add\",\"member\":\"c1\",\"score\":"
                                    + MORNING.toEpochMilli() + ",\"count\":1}",
                            "{\"key\":\"view/today/2026-11-25\",\"op\":\"add\",\"member\":\"c1\",\"score\":"
                                    + MORNING.toEpochMilli() + ",\"count\":1}",
                            "{\"key\":\"case/c1\",\"version\":2}",
                            "{\"key\":\"case/c1/activity\",\"entryId\":\"2-0\"}",
                            "{\"key\":\"case/c1\",\"version\":3}",
                            "{\"key\":\"case/c1/activity\",\"entryId\":\"3-0\"}",
                            "{\"key\":\"view/open\",\"op\":\"remove\",\"member\":\"c1\",\"count\":0}",
                            "{\"key\":\"view/today/2026-11-25\",\"op\":\"remove\",\"member\":\"c1\",\"count\":0}",
                            "{\"key\":\"view/closed-today/2026-11-26\",\"op\":\"add\",\"member\":\"c1\",\"score\":"
                                    + Instant.parse("2026-11-25T23:30:00Z").toEpochMilli() + ",\"count\":1}");
        }
    }

    @Test
    void showsAnErasedPersonAsErasedAndACoApplicant() throws Exception {
        var event = TestEvents.opened("c2", "Tolvan Tolvansson", 1_234_567, 12, LoanPurpose.CAR);
        var erasedApplicant = new se.caseflow.domain.api.CaseOpened(
                "c2",
                TestEvents.applicant("Tolvan Tolvansson", true),
                TestEvents.applicant("Nils Nilsson", false),
                event.loan(),
                event.income());
        handle(TestEvents.message("c2", 0, erasedApplicant, MORNING));

        JsonNode document = document("case/c2");
        assertThat(document.at("/applicant/name").asText()).isEqualTo("(erased)");
        assertThat(document.at("/coApplicant/name").asText()).isEqualTo("Nils Nilsson");
        assertThat(reader.feed("case/c2/activity", null, 10))
                .as("an erased applicant's activity is one entry saying so")
                .singleElement()
                .satisfies(entry -> assertThat(entry.fields().get("text")).isEqualTo(ActivityText.ERASED));
    }

    @Test
    void pagesViewsLatestFirstAndCountsThem() throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = "case-" + i;
            handle(TestEvents.message(
                    id,
                    0,
                    TestEvents.opened(id, "Anna Svensson", 10_000, 12, LoanPurpose.OTHER),
                    MORNING.plusSeconds(i)));
        }
        ProjectionReader.ViewPage page = reader.view("view/open", 1, 2);
        assertThat(page.count()).isEqualTo(5);
        assertThat(page.members())
                .extracting(ProjectionReader.ViewPage.Member::caseId)
                .containsExactly("case-3", "case-2");
        assertThat(reader.document("case/case-0"))
                .get()
                .extracting(ProjectionReader.Document::version)
                .isEqualTo(1L);
        assertThat(reader.document("case/none")).isEmpty();
        assertThat(reader.exists("case/case-0/activity")).isTrue();
    }

    @Test
    void aViewOfAHundredThousandCasesChangesByOneMember() throws Exception {
        // a big view: each event still costs one ZADD or ZREM (O(log n)); the other members are untouched
        var async = REDIS.connection().async();
        REDIS.connection().setAutoFlushCommands(false);
        try {
            for (int i = 0; i < 100_000; i++) {
                async.zadd(REDIS.prefix() + "view/open", i, "bulk-" + i);
            }
            REDIS.connection().flushCommands();
        } finally {
            REDIS.connection().setAutoFlushCommands(true);
        }
        assertThat(reader.count("view/open")).isEqualTo(100_000);

        handle(TestEvents.message(
                "big", 0, TestEvents.opened("big", "Anna Svensson", 10_000, 12, LoanPurpose.OTHER), MORNING));
        assertThat(reader.count("view/open")).isEqualTo(100_001);
        assertThat(reader.view("view/open", 0, 1).members().get(0).caseId()).isEqualTo("big");
        handle(TestEvents.message(
                "big", 1, TestEvents.closed("big", CloseReason.DUPLICATE, "twice"), MORNING.plusSeconds(5)));
        assertThat(reader.count("view/open")).isEqualTo(100_000);
        assertThat(reader.view("view/open", 0, 1).members())
                .containsExactly(new ProjectionReader.ViewPage.Member("bulk-99999", 99_999));
    }

    private JsonNode document(String key) throws Exception {
        return JSON.readTree(reader.document(key).orElseThrow().json());
    }
}
