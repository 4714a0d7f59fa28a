package se.caseflow.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.MarkFollowUpDue;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ScheduleFollowUp;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.validation.CommandSchemas;

/**
 * Follow-ups with time: their deadline fires at the start of their day in Stockholm, at once when that has passed;
 * its command ({@code MarkFollowUpDue}, sent by {@code CaseDeadlines}) makes the follow-up due once.
 */
class CaseFollowUpsTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final String FOLLOW_UP = "0b7e5c2a-9d1f-4c3e-8a6b-2f4d6e8a0c11";
    private static final String DEADLINE_ID = "follow-up:" + CASE_ID + ":" + FOLLOW_UP;
    /** Friday 27 March 2026, 11:00 in Stockholm; Sweden moves to summer time on Sunday the 29th. */
    private static final Instant NOW = Instant.parse("2026-03-27T10:00:00Z");

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(new RecordingVault());
    }

    private static CaseOpened opened() {
        OpenCase open = CaseTest.openCase();
        return new CaseOpened(
                CASE_ID,
                new ApplicantProtector(new RecordingVault(), CLOCK).protect(open.applicant()),
                null,
                open.loan(),
                open.income());
    }

    private static ScheduleFollowUp schedule(String date) {
        return new ScheduleFollowUp(CASE_ID, FOLLOW_UP, date, "Salary slip?");
    }

    private static FollowUpScheduled scheduled(String date, String dueAt) {
        return new FollowUpScheduled(CASE_ID, FOLLOW_UP, date, dueAt, note());
    }

    private static FollowUpDue due(String date) {
        return new FollowUpDue(CASE_ID, FOLLOW_UP, date, note());
    }

    private static ProtectedValue note() {
        return RecordingVault.text(opened().applicant().subject(), "Salary slip?");
    }

    @ParameterizedTest(name = "{0} is due at {1}")
    @CsvSource({
        "2026-04-15, 2026-04-14T22:00:00Z",
        // the last day of winter time starts at midnight CET; the day after the change, at midnight CEST
        "2026-03-29, 2026-03-28T23:00:00Z",
        "2026-03-30, 2026-03-29T22:00:00Z",
        // and back in October
        "2026-10-25, 2026-10-24T22:00:00Z",
        "2026-10-26, 2026-10-25T23:00:00Z"
    })
    void aFutureDateIsScheduledAtTheStartOfItsDayInStockholm(String date, String dueAt) {
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .when(schedule(date))
                .expectEvents(scheduled(date, dueAt))
                .expectScheduledDeadline(Instant.parse(dueAt), DEADLINE_ID);
    }

    @Test
    void aFutureFollowUpsDeadlineFiresExactlyAtItsInstantAndNotBefore() {
        Instant dueAt = Instant.parse("2026-03-29T22:00:00Z");
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .andGivenCommands(schedule("2026-03-30"))
                .whenTimeAdvancesTo(dueAt.minusMillis(1))
                .expectTriggeredDeadlines()
                .expectScheduledDeadline(dueAt, DEADLINE_ID);
        setUp();
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .andGivenCommands(schedule("2026-03-30"))
                .whenTimeAdvancesTo(dueAt)
                .expectTriggeredDeadlines(DEADLINE_ID)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-03-27", "2026-03-20", "2024-02-29"})
    void aDateThatHasBegunFiresAtOnce(String date) {
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .andGivenCommands(schedule(date))
                .whenTimeElapses(Duration.ZERO)
                .expectTriggeredDeadlines(DEADLINE_ID)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theFiredDeadlinesCommandMakesTheFollowUpDue() {
        fixture.given(opened(), scheduled("2026-03-30", "2026-03-29T22:00:00Z"))
                .when(new MarkFollowUpDue(CASE_ID, FOLLOW_UP))
                .expectEvents(due("2026-03-30"));
    }

    @Test
    void aDeadlineFiredAgainRecordsNothing() {
        // another node's firing already made it due (a crash before the scheduler deleted its row, a key expired)
        fixture.given(opened(), scheduled("2026-03-20", "2026-03-19T23:00:00Z"), due("2026-03-20"))
                .when(new MarkFollowUpDue(CASE_ID, FOLLOW_UP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFollowUpTheCaseDoesNotHaveIsRefused() {
        fixture.given(opened())
                .when(new MarkFollowUpDue(CASE_ID, FOLLOW_UP))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Case " + CASE_ID + " has no follow-up with id " + FOLLOW_UP)
                .expectNoEvents();
    }

    @Test
    void theSameFollowUpIdTwiceIsRefused() {
        fixture.given(opened(), scheduled("2026-04-15", "2026-04-14T22:00:00Z"))
                .andGivenCurrentTime(NOW)
                .when(new ScheduleFollowUp(CASE_ID, FOLLOW_UP, "2026-05-01", null))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Case " + CASE_ID + " already has a follow-up with id " + FOLLOW_UP)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDateMoreThanTwoYearsAheadIsRefusedAndTwoYearsIsNot() {
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .when(schedule("2028-03-28"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("A follow-up can be at most 2 years ahead (2028-03-27), not 2028-03-28")
                .expectNoEvents();
        setUp();
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .when(schedule("2028-03-27"))
                .expectEvents(scheduled("2028-03-27", "2028-03-26T22:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-02-30", "2026-4-01", "2026-04-01T00:00", "+2026-04-01", "tomorrow"})
    void aDateThatIsNotARealDayIsRefused(String date) {
        fixture.given(opened())
                .andGivenCurrentTime(NOW)
                .when(schedule(date))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("date must be a real day as yyyy-MM-dd, not " + date)
                .expectNoEvents();
    }

    @Test
    void theGateRefusesAnImpossibleDateBeforeTheCaseSeesIt() throws Exception {
        CommandSchemas schemas = new CommandSchemas(CLOCK);
        ObjectMapper json = new ObjectMapper();
        String body = "{\"caseId\":\"" + CASE_ID + "\",\"followUpId\":\"" + FOLLOW_UP + "\",\"date\":\"%s\"}";

        assertThat(schemas.validate("ScheduleFollowUp", json.readTree(body.formatted("2026-04-15"))))
                .isEmpty();
        assertThat(schemas.validate("ScheduleFollowUp", json.readTree(body.formatted("2026-02-30"))))
                .extracting(v -> v.pointer())
                .containsExactly("/date");
    }

    @Test
    void aClosedCaseTakesNoFollowUpAndAFollowUpFiringAfterTheCloseRecordsNothing() {
        fixture.given(opened(), new CaseClosed(CASE_ID, CloseReason.NO_OFFERS, null))
                .andGivenCurrentTime(NOW)
                .when(schedule("2026-04-15"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Cannot schedule a follow-up on case " + CASE_ID + ": it is closed")
                .expectNoScheduledDeadlines();
        setUp();
        fixture.given(
                        opened(),
                        scheduled("2026-04-15", "2026-04-14T22:00:00Z"),
                        new CaseClosed(CASE_ID, CloseReason.NO_OFFERS, null))
                .when(new MarkFollowUpDue(CASE_ID, FOLLOW_UP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
