package se.caseflow.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IncomeBand;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.gate.InternalGateForTests;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * The case's deadlines as they fire, handled by {@link CaseDeadlines}: the real {@link Case} aggregate on Axon's
 * command bus and an in-memory event store, behind the real internal gate (schemas, keys, case lock, collision retry;
 * keys in memory). The deadline manager's side (db-scheduler, two nodes) runs in web's
 * {@code FollowUpDeadlinesOnTwoNodesTest} and {@code BiddingEndToEndTest}.
 */
class CaseDeadlinesTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e05";
    private static final String FOLLOW_UP = "0b7e5c2a-9d1f-4c3e-8a6b-2f4d6e8a0c11";
    private static final AggregateScopeDescriptor CASE = new AggregateScopeDescriptor("Case", CASE_ID);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-27T10:00:00Z"), ZoneOffset.UTC);

    private Configuration axon;
    private InternalCommands commands;
    private CaseDeadlines deadlines;
    private long sequence;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Case.class)
                .registerComponent(Clock.class, c -> CLOCK)
                .registerComponent(PersonalDataVault.class, c -> new RecordingVault())
                .buildConfiguration();
        axon.start();
        commands = InternalGateForTests.around(axon.commandGateway());
        deadlines = new CaseDeadlines(commands);
        given(CaseFixtures.opened(CASE_ID, false));
    }

    @AfterEach
    void stop() {
        commands.close();
        axon.shutdown();
    }

    private void given(Object... events) {
        for (Object event : events) {
            axon.eventStore().publish(new GenericDomainEventMessage<>("Case", CASE_ID, sequence++, event));
        }
    }

    private void fire(String name, Object payload) {
        deadlines.send(GenericDeadlineMessage.asDeadlineMessage(name, payload, CLOCK.instant()), CASE);
    }

    private List<Object> events(Class<?> type) {
        return axon.eventStore()
                .readEvents(CASE_ID)
                .asStream()
                .<Object>map(DomainEventMessage::getPayload)
                .filter(type::isInstance)
                .toList();
    }

    private void followUpScheduled() {
        given(new FollowUpScheduled(
                CASE_ID, FOLLOW_UP, "2026-03-27", "2026-03-26T23:00:00Z", new ProtectedValue("token:note")));
    }

    @Test
    void aFollowUpsDeadlineFiredTwiceIsOneEvent() {
        followUpScheduled();

        fire(CaseFollowUps.DEADLINE, CaseFollowUps.deadlineId(CASE_ID, FOLLOW_UP));
        fire(CaseFollowUps.DEADLINE, CaseFollowUps.deadlineId(CASE_ID, FOLLOW_UP));

        assertThat(events(FollowUpDue.class))
                .containsExactly(new FollowUpDue(CASE_ID, FOLLOW_UP, "2026-03-27", new ProtectedValue("token:note")));
    }

    @Test
    void theWindowsDeadlineFiredTwiceClosesTheBiddingOnce() {
        given(new BiddingOpened(
                CASE_ID,
                List.of("nordbank"),
                CLOCK.instant().toString(),
                new PartnerCaseSummary(150_000, 60, LoanPurpose.CONSOLIDATION, IncomeBand.FROM_30000_TO_44999, 3)));

        fire(BiddingDeadlines.WINDOW, BiddingDeadlines.WindowCloses.of(CASE_ID));
        fire(BiddingDeadlines.WINDOW, BiddingDeadlines.WindowCloses.of(CASE_ID));

        assertThat(events(BiddingClosed.class)).containsExactly(new BiddingClosed(CASE_ID, List.of()));
    }

    @Test
    void aCommandItsSchemaRefusesIsAClearFailureAndRecordsNothing() {
        followUpScheduled();

        assertThatThrownBy(() -> fire(CaseFollowUps.DEADLINE, CaseFollowUps.deadlineId(CASE_ID, "not-a-uuid")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MarkFollowUpDue")
                .hasMessageContaining("/followUpId");
        assertThat(events(FollowUpDue.class)).isEmpty();
    }

    @Test
    void aDeadlineTheCaseDoesNotHaveIsAClearFailure() {
        assertThatThrownBy(() -> fire("no-such-deadline", "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Case " + CASE_ID + " has no deadline no-such-deadline with payload x");
        assertThatThrownBy(() -> fire(CaseFollowUps.DEADLINE, CaseFollowUps.deadlineId("another-case", FOLLOW_UP)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusalIsTheCasesAnswerAndEndsTheFiring() {
        // no such follow-up on the case: refused (no-such-follow-up), logged, nothing recorded, nothing to retry
        fire(CaseFollowUps.DEADLINE, CaseFollowUps.deadlineId(CASE_ID, FOLLOW_UP));

        assertThat(events(FollowUpDue.class)).isEmpty();
    }

    /**
     * Deadlines stored before the aggregate lost its deadline handlers (a dev database's {@code scheduled_tasks})
     * still fire: their names and payload types, kept in the serialized rows, are the ones handled here.
     */
    @Test
    void theDeadlinesStoredBeforeKeepTheirNamesAndPayloadTypes() {
        assertThat(List.of(BiddingDeadlines.WINDOW, BiddingDeadlines.REMINDER, CaseFollowUps.DEADLINE))
                .containsExactly("bidding-window", "debt-letter-reminder", "follow-up-due");
        assertThat(List.of(BiddingDeadlines.WindowCloses.class.getName(), BiddingDeadlines.ReminderDue.class.getName()))
                .containsExactly(
                        "se.caseflow.domain.cases.BiddingDeadlines$WindowCloses",
                        "se.caseflow.domain.cases.BiddingDeadlines$ReminderDue");
        assertThat(CaseFollowUps.deadlineId(CASE_ID, FOLLOW_UP)).isEqualTo("follow-up:" + CASE_ID + ":" + FOLLOW_UP);
    }

    @Test
    void everyDeadlineInACasesScopeIsItsAndNoOtherScope() {
        assertThat(deadlines.canResolve(CASE)).isTrue();
        assertThat(deadlines.canResolve(new AggregateScopeDescriptor("Partner", CASE_ID)))
                .isFalse();
        assertThat(deadlines.canResolve(new SagaScopeDescriptor("SmsSendingSaga", CASE_ID)))
                .isFalse();
    }
}
