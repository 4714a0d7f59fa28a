package se.caseflow.projections.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordUnmatchedSms;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.projections.SelfIndexingVault;
import se.caseflow.projections.ShreddingUnwrapper;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/**
 * SubjectErased on the SMS read side, in place: the erased applicant's conversations become one entry saying so,
 * their number routes to none of their cases and the unmatched messages from it leave the unmatched feed; a rebuild from zero writes the same bytes, in either order.
 */
class SmsErasureInPlaceTest {

    static final TestRedis REDIS = TestRedis.create("sms-erasure");
    static final String ERASED = "s_" + "e".repeat(32);
    static final String KEPT = "s_" + "k".repeat(32);
    static final String ERASED_PHONE = "+46701740605";
    static final Instant T0 = Instant.parse("2026-11-25T08:30:00Z");

    final ShreddingUnwrapper unwrapper = new ShreddingUnwrapper();
    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final SmsProjection projection = new SmsProjection(store, new SmsPersonalData(unwrapper, new SelfIndexingVault()));
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
    final List<EventMessage<?>> history = new ArrayList<>();
    final Map<String, Integer> sequences = new HashMap<>();

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    @BeforeEach
    void emptyReadSide() {
        REDIS.deleteKeys();
    }

    void on(String caseId, Object payload) {
        int sequence = sequences.merge(caseId, 1, Integer::sum) - 1;
        GenericDomainEventMessage<?> message = new GenericDomainEventMessage<>(
                "Case",
                caseId,
                sequence,
                payload,
                Map.of(),
                caseId + "#" + sequence,
                T0.plusSeconds(60L * history.size()));
        history.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(history.size()), message));
    }

    void unmatched(String subject, String phone, String text) {
        String id = RecordUnmatchedSms.idFor("SM" + subject.substring(2));
        on(
                id,
                new UnmatchedSmsReceived(
                        id,
                        "SM" + subject.substring(2),
                        ShreddingUnwrapper.wrap(subject, phone),
                        ShreddingUnwrapper.wrap(subject, text)));
    }

    static CaseOpened opened(String caseId, String subject, String phone) {
        ProtectedValue value = ShreddingUnwrapper.wrap(subject, "x");
        return new CaseOpened(
                caseId,
                new ProtectedApplicant(subject, value, value, ShreddingUnwrapper.wrap(subject, phone), value, value),
                null,
                new LoanRequest(100_000, 60, LoanPurpose.CAR),
                new Income(40_000, EmploymentType.PERMANENT));
    }

    static SmsRequested requested(String caseId, String subject, String phone, String text) {
        return new SmsRequested(
                caseId,
                "m-" + caseId,
                null,
                ShreddingUnwrapper.wrap(subject, text),
                SmsEncoding.GSM7,
                120,
                1,
                null,
                ShreddingUnwrapper.wrap(subject, phone));
    }

    void handle(List<EventMessage<?>> events) throws Exception {
        for (EventMessage<?> event : events) {
            handlers.handle(event);
        }
    }

    @Test
    void theErasedApplicantsConversationsAndRoutingGoInPlaceAndARebuildWritesTheSameBytes() throws Exception {
        on("erased-1", opened("erased-1", ERASED, ERASED_PHONE));
        on("erased-2", opened("erased-2", ERASED, ERASED_PHONE));
        on("kept", opened("kept", KEPT, "+46731234567"));
        on("erased-1", requested("erased-1", ERASED, ERASED_PHONE, "Hej Erasable"));
        on(
                "erased-1",
                new SmsReceived(
                        "erased-1",
                        "SM" + "1".repeat(32),
                        ShreddingUnwrapper.wrap(ERASED, ERASED_PHONE),
                        ShreddingUnwrapper.wrap(ERASED, "Svar"),
                        2));
        on("kept", requested("kept", KEPT, "+46731234567", "Hej Keeper"));
        // unmatched messages: wrapped under subjects of their own; the secrets store shreds those from the person's
        // number with the person
        String fromThem = "s_" + "1".repeat(32);
        String fromElsewhere = "s_" + "2".repeat(32);
        unmatched(fromThem, ERASED_PHONE, "Vem ringde mig?");
        unmatched(fromElsewhere, "+46739876543", "Fel nummer");
        handle(history);
        assertThat(REDIS.dump())
                .contains("Hej Erasable", "Svar", "sms/phone/" + ERASED_PHONE, "Vem ringde mig?", "Fel nummer");

        unwrapper.shred(ERASED);
        unwrapper.shred(fromThem);
        handlers.handle(ShreddingUnwrapper.erasure(ERASED, T0.plusSeconds(86_400)));
        // the case goes on: reading the replies changes its state, not its conversation
        on("erased-1", new SmsRepliesRead("erased-1", 1));
        EventMessage<?> afterwards = history.remove(history.size() - 1);
        handlers.handle(afterwards);
        String live = REDIS.dump();

        assertThat(live)
                .doesNotContain(
                        "Hej Erasable",
                        "Svar",
                        "sms/phone/" + ERASED_PHONE,
                        "sms/unmatched-from/" + ERASED_PHONE,
                        "sms/subject/" + ERASED,
                        "Vem ringde mig?")
                .contains("Hej Keeper", "sms/phone/+46731234567", "sms/erased/" + ERASED, "Fel nummer");
        for (String caseId : List.of("erased-1", "erased-2")) {
            assertThat(REDIS.connection().sync().xlen(REDIS.prefix() + SmsProjection.conversationKey(caseId)))
                    .as("the conversation of %s is one entry", caseId)
                    .isEqualTo(1);
        }

        for (List<EventMessage<?>> rebuild : ShreddingUnwrapper.rebuildOrders(
                history, ShreddingUnwrapper.erasure(ERASED, T0.plusSeconds(86_400)), afterwards)) {
            REDIS.deleteKeys();
            handle(rebuild);
            assertThat(REDIS.dump()).as("a rebuild").isEqualTo(live);
        }
    }
}
