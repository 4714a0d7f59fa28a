package se.caseflow.domain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.EraseSubject;
import se.caseflow.domain.api.MarkCreditCheckUnknown;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsTemplate;

/** The one way caseflow sends its own commands, in front of a real Axon command bus whose handlers stand in for the case. */
class InternalCommandsTest {

    private static final String CASE_ID = "0d7c1b8e-4444-4a55-9a43-3f1c1d2a9e07";
    private static final String EVENT = "5e1f7d0c-4a4b-4c1d-9e2f-5a6b7c8d9e01";
    private static final ProtectedValue PNR = new ProtectedValue("token:pnr");

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final List<Object> handled = new CopyOnWriteArrayList<>();
    private final InternalCommands commands = InternalGateForTests.around(
            DefaultCommandGateway.builder().commandBus(bus).build());

    @AfterEach
    void close() {
        commands.close();
    }

    /** The case's stand-in: records each command it handles and answers with {@code answer}. */
    private void handle(Class<?> type, Function<Object, Object> answer) {
        bus.subscribe(type.getName(), (CommandMessage<?> message) -> {
            handled.add(message.getPayload());
            return answer.apply(message.getPayload());
        });
    }

    @Test
    void aTriggerDeliveredAgainGetsTheFirstAnswerBackAndNoSecondEffect() {
        handle(OpenBidding.class, command -> null);

        assertThat(commands.send(EVENT, new OpenBidding(CASE_ID)).replayed()).isFalse();
        assertThat(commands.send(EVENT, new OpenBidding(CASE_ID)).replayed()).isTrue();

        assertThat(handled).containsExactly(new OpenBidding(CASE_ID));
    }

    @Test
    void differentCommandsOfOneTriggerAndOneCommandOfTwoTriggersDoNotCollide() {
        handle(ConfirmIdentity.class, command -> null);
        handle(OpenBidding.class, command -> null);

        commands.send(EVENT, new ConfirmIdentity(CASE_ID, Party.APPLICANT, PNR));
        commands.send(EVENT, new ConfirmIdentity(CASE_ID, Party.CO_APPLICANT, PNR));
        commands.send(EVENT, new OpenBidding(CASE_ID));
        commands.send("another-event", new OpenBidding(CASE_ID));

        assertThat(handled)
                .containsExactly(
                        new ConfirmIdentity(CASE_ID, Party.APPLICANT, PNR),
                        new ConfirmIdentity(CASE_ID, Party.CO_APPLICANT, PNR),
                        new OpenBidding(CASE_ID),
                        new OpenBidding(CASE_ID));
    }

    @Test
    void aRefusalIsACaseRuleViolationWithItsCodeAndKeepsNoKey() {
        handle(OpenBidding.class, command -> {
            throw new CaseRuleViolation("credit-report-missing", "not yet");
        });

        assertThatThrownBy(() -> commands.send(EVENT, new OpenBidding(CASE_ID)))
                .isInstanceOfSatisfying(
                        CaseRuleViolation.class,
                        refused -> assertThat(refused.code()).isEqualTo("credit-report-missing"));
        assertThatThrownBy(() -> commands.send(EVENT, new OpenBidding(CASE_ID))).isInstanceOf(CaseRuleViolation.class);
        assertThat(handled).hasSize(2);
    }

    @Test
    void aCollisionIsSentAgainAndWhenOthersWinEveryTimeItIsNoRefusal() {
        handle(OpenBidding.class, command -> {
            throw new ConcurrencyException("another node appended to the case");
        });

        assertThatThrownBy(() -> commands.send(EVENT, new OpenBidding(CASE_ID)))
                .isInstanceOf(ConcurrencyException.class)
                .isNotInstanceOf(CaseRuleViolation.class);
        assertThat(handled).hasSize(InternalCommands.COLLISION_ATTEMPTS);
    }

    @Test
    void theStaffCommandCaseflowSendsPassesItsSchemaAndOtherStaffCommandsAreUnknown() {
        handle(SendSms.class, command -> null);
        handle(AddNote.class, command -> null);
        String messageId = "5b2e7c1a-0d3f-4e8a-9c6b-1f2a3b4c5d6e";

        commands.send(EVENT, new SendSms(CASE_ID, messageId, SmsTemplate.OFFERS_READY, null, null));
        assertThatThrownBy(() -> commands.send(EVENT, new AddNote(CASE_ID, "Hej")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UnknownType");
        assertThatThrownBy(() -> commands.send(EVENT, new SendSms(CASE_ID, "not-a-uuid", null, "Hej", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/messageId");

        assertThat(handled).containsExactly(new SendSms(CASE_ID, messageId, SmsTemplate.OFFERS_READY, null, null));
    }

    /** An erasure is an aggregate of its own: the gate reads its id from the field its schema names, erasureId. */
    @Test
    void aCommandWhoseIdIsNotACaseIdGoesToTheAggregateItsSchemaNames() {
        handle(EraseSubject.class, command -> null);
        String erasureId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
        String subject = "s_0b9e2d4c6a8f4e1d9c3b5a7e2f4d6c8b";

        CommandOutcome.Accepted accepted = commands.send(EVENT, new EraseSubject(erasureId, subject));

        assertThat(accepted.aggregateId()).isEqualTo(erasureId);
        assertThat(accepted.replayed()).isFalse();
        assertThat(commands.send(EVENT, new EraseSubject(erasureId, subject)).replayed())
                .isTrue();
        assertThat(handled).containsExactly(new EraseSubject(erasureId, subject));
    }

    @Test
    void aCommandWithoutTheIdItsSchemaRequiresIsRefusedByItsSchemaAndNotSent() {
        handle(EraseSubject.class, command -> null);

        assertThatThrownBy(() -> commands.send(EVENT, new EraseSubject(null, "s_0b9e2d4c6a8f4e1d9c3b5a7e2f4d6c8b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("erasureId");
        assertThat(handled).isEmpty();
    }

    /** Nested in the handler's unit of work, the command's events would commit only with the handler's batch. */
    @Test
    void theCommandRunsInAUnitOfWorkOfItsOwnNotNestedInTheCallers() {
        List<Boolean> rootUnitOfWork = new CopyOnWriteArrayList<>();
        handle(MarkCreditCheckUnknown.class, command -> {
            rootUnitOfWork.add(CurrentUnitOfWork.get().isRoot());
            return null;
        });

        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("the event being handled"))
                .execute(() -> commands.send(EVENT, new MarkCreditCheckUnknown(CASE_ID, Party.APPLICANT, "lost")));

        assertThat(rootUnitOfWork).containsExactly(true);
    }
}
