package se.caseflow.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.AbstractTask;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.MutableClock;
import se.caseflow.web.PostgresApplicationTest;

/**
 * ScheduleFollowUp over HTTP on the real PostgreSQL: accepted and due at once for today (its deadline's command
 * through the internal gate), refused when bad; the deadlines' own commands are unknown to the API. The
 * application's clock stands at 00:30 in Stockholm on the day summer time begins, when the UTC date is still the
 * day before: "today" and "two years ahead" must be Stockholm's. db-scheduler fires deadlines by the machine's clock,
 * not the application's (docs/adr/0029), so a test whose follow-up must stay pending first moves the application's
 * clock to the machine's present: its "a week ahead" is then a week ahead for db-scheduler too.
 */
@Import(FollowUpCommandTest.HalfPastMidnightInStockholm.class)
// a context of its own (its clock): closed afterwards, so it holds no database connections during the tests after it
@DirtiesContext
class FollowUpCommandTest extends PostgresApplicationTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 29, 0, 30, 0, 0, STOCKHOLM);
    private static final LocalDate TODAY = NOW.toLocalDate();

    @TestConfiguration(proxyBeanMethods = false)
    static class HalfPastMidnightInStockholm {
        @Bean
        @Primary
        MutableClock halfPastMidnightInStockholm() {
            return MutableClock.at(NOW.toInstant());
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    WebTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    List<Task<?>> schedulerTasks;

    /** Every test starts at half past midnight in Stockholm, whatever the test before it did to the clock. */
    @BeforeEach
    void halfPastMidnight() {
        clock.set(NOW.toInstant());
    }

    /** Moves the application's clock to the machine's present, which db-scheduler fires by; answers its Stockholm date. */
    private LocalDate todayOnTheMachinesClock() {
        clock.set(Instant.now());
        return LocalDate.now(clock.withZone(STOCKHOLM));
    }

    private EntityExchangeResult<JsonNode> post(String type, String body) {
        return post(type, body, null);
    }

    /** {@code idempotencyKey} null: none. */
    private EntityExchangeResult<JsonNode> post(String type, String body, String idempotencyKey) {
        return http.post()
                .uri("/api/commands/" + type)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body)
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult();
    }

    private String openCase() {
        EntityExchangeResult<JsonNode> opened = post("OpenCase", CommandPayloads.openCase());
        assertThat(opened.getStatus()).isEqualTo(HttpStatus.OK);
        return opened.getResponseBody().get("caseId").asText();
    }

    private static String followUp(String caseId, String followUpId, String date) {
        return "{\"caseId\": \"" + caseId + "\", \"followUpId\": \"" + followUpId + "\", \"date\": \"" + date
                + "\", \"note\": \"Salary slip?\"}";
    }

    /** The case's event types in order, simple names. */
    private List<String> eventTypes(String caseId) {
        return jdbc.queryForList(
                "SELECT regexp_replace(payloadtype, '.*[.]', '') FROM domainevententry WHERE aggregateidentifier = ?"
                        + " ORDER BY sequencenumber",
                String.class,
                caseId);
    }

    @Test
    void aFollowUpForTodayIsAcceptedAndDueAtOnce() throws InterruptedException {
        String caseId = openCase();
        String today = TODAY.toString();
        String followUpId = UUID.randomUUID().toString();

        EntityExchangeResult<JsonNode> answer = post("ScheduleFollowUp", followUp(caseId, followUpId, today));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getResponseBody().get("status").asText()).isEqualTo("accepted");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!eventTypes(caseId).contains("FollowUpDue") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(eventTypes(caseId)).containsExactly("CaseOpened", "FollowUpScheduled", "FollowUpDue");
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8')::json ->> 'dueAt' FROM domainevententry"
                                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%.FollowUpScheduled'",
                        String.class, caseId))
                .as("the start of the day in Stockholm")
                .isEqualTo("2026-03-28T23:00:00Z");
        assertThat(jdbc.queryForObject(
                        "SELECT gate FROM idempotency_key WHERE idem_key LIKE ?",
                        String.class,
                        "follow-up:" + caseId + ":" + followUpId + "/%"))
                .as("the firing's MarkFollowUpDue went through the internal gate, keyed by the deadline")
                .isEqualTo("internal");
    }

    /** What the case's deadlines send through the internal gate cannot be sent from outside. */
    @Test
    void theDeadlinesCommandsAreUnknownToTheCommandApiAndChangeNothing() {
        // pending throughout: a forged MarkFollowUpDue is the only thing that could make it due
        String nextWeek = todayOnTheMachinesClock().plusWeeks(1).toString();
        String caseId = openCase();
        String followUpId = UUID.randomUUID().toString();
        assertThat(post("ScheduleFollowUp", followUp(caseId, followUpId, nextWeek))
                        .getStatus())
                .isEqualTo(HttpStatus.OK);
        String key = "forged-deadline-" + UUID.randomUUID();

        for (String[] forged : new String[][] {
            {"MarkFollowUpDue", "{\"caseId\":\"" + caseId + "\",\"followUpId\":\"" + followUpId + "\"}"},
            {"CloseBidding", "{\"caseId\":\"" + caseId + "\"}"},
            {"MarkDebtLetterReminderDue", "{\"caseId\":\"" + caseId + "\",\"reminder\":1}"}
        }) {
            EntityExchangeResult<JsonNode> answer = post(forged[0], forged[1], key);
            assertThat(answer.getStatus()).as(forged[0]).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getResponseBody().get("type").asText())
                    .isEqualTo("https://caseflow.se/problems/unknown-command");
        }

        assertThat(eventTypes(caseId)).containsExactly("CaseOpened", "FollowUpScheduled");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idem_key = ?", Integer.class, key))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                        Integer.class,
                        followUpId))
                .as("its deadline still waits for next week")
                .isOne();
    }

    @Test
    void anImpossibleDateIsRefusedNamingTheField() {
        String caseId = openCase();

        EntityExchangeResult<JsonNode> answer =
                post("ScheduleFollowUp", followUp(caseId, UUID.randomUUID().toString(), "2026-02-30"));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode problem = answer.getResponseBody();
        assertThat(problem.get("type").asText()).isEqualTo("https://caseflow.se/problems/invalid-command");
        assertThat(problem.get("violations")).hasSize(1);
        assertThat(problem.at("/violations/0/pointer").asText()).isEqualTo("/date");
        assertThat(problem.at("/violations/0/message").asText()).isEqualTo("must be a valid date (YYYY-MM-DD)");
        assertThat(eventTypes(caseId)).containsExactly("CaseOpened");
    }

    @Test
    void aDateMoreThanTwoYearsAheadAndARepeatedIdAreRefusedByTheCase() {
        String caseId = openCase();
        String followUpId = UUID.randomUUID().toString();
        String farAway = TODAY.plusYears(2).plusDays(1).toString();

        EntityExchangeResult<JsonNode> tooFar = post("ScheduleFollowUp", followUp(caseId, followUpId, farAway));
        assertThat(tooFar.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(tooFar.getResponseBody().get("type").asText())
                .isEqualTo("https://caseflow.se/problems/follow-up-too-far");

        String twoYearsAhead = TODAY.plusYears(2).toString();
        assertThat(post("ScheduleFollowUp", followUp(caseId, followUpId, twoYearsAhead))
                        .getStatus())
                .isEqualTo(HttpStatus.OK);
        EntityExchangeResult<JsonNode> again = post("ScheduleFollowUp", followUp(caseId, followUpId, twoYearsAhead));
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getResponseBody().get("type").asText())
                .isEqualTo("https://caseflow.se/problems/follow-up-exists");
        assertThat(eventTypes(caseId)).containsExactly("CaseOpened", "FollowUpScheduled");
    }

    /** Past the snapshot threshold (50) the case is loaded from its snapshot and still knows its follow-ups. */
    @Test
    void followUpsAreRememberedThroughASnapshot() {
        // pending throughout: its firing would add an event among the notes
        String nextWeek = todayOnTheMachinesClock().plusWeeks(1).toString();
        String caseId = openCase();
        String followUpId = UUID.randomUUID().toString();
        assertThat(post("ScheduleFollowUp", followUp(caseId, followUpId, nextWeek))
                        .getStatus())
                .isEqualTo(HttpStatus.OK);
        for (int note = 1; note <= 55; note++) {
            assertThat(post("AddNote", CommandPayloads.addNote(caseId, "Note " + note))
                            .getStatus())
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, caseId))
                .isPositive();

        EntityExchangeResult<JsonNode> again = post("ScheduleFollowUp", followUp(caseId, followUpId, nextWeek));
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getResponseBody().get("type").asText())
                .isEqualTo("https://caseflow.se/problems/follow-up-exists");
    }

    /** A firing that lost a race with another node's change is retried within seconds, not db-scheduler's 5 minutes. */
    @Test
    void theOneDeadlineTaskRetriesAFailedFiringSoon() {
        assertThat(schedulerTasks)
                .filteredOn(task -> task.getName().equals("AxonDeadline"))
                .singleElement()
                .satisfies(task -> assertThat(((AbstractTask<?>) task).getFailureHandler())
                        .isInstanceOf(FailureHandler.ExponentialBackoffFailureHandler.class));
    }
}
