package se.caseflow.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.projections.ShreddingUnwrapper;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/**
 * SubjectErased is handled in place: the erased person's cases show them erased, the applicant's activity feed is one
 * entry saying so, the person's subject index is gone, and the read side is byte for byte what a rebuild from zero
 * writes, in whatever order the erasure and the cases' own events reach their threads.
 */
class ErasureInPlaceTest {

    static final TestRedis REDIS = TestRedis.create("erasure-in-place");
    static final String ERASED = "s_" + "e".repeat(32);
    static final String KEPT = "s_" + "k".repeat(32);
    static final Instant T0 = Instant.parse("2026-11-24T07:00:00Z");

    final ShreddingUnwrapper unwrapper = new ShreddingUnwrapper();
    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final CaseProjection projection = new CaseProjection(store, unwrapper);
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    @BeforeEach
    void emptyReadSide() {
        projection.reset();
    }

    static ProtectedApplicant person(String subject, String name) {
        return new ProtectedApplicant(
                subject,
                ShreddingUnwrapper.wrap(subject, "198112189876"),
                ShreddingUnwrapper.wrap(subject, name),
                ShreddingUnwrapper.wrap(subject, "+46701740605"),
                ShreddingUnwrapper.wrap(subject, "erasable@example.se"),
                ShreddingUnwrapper.wrap(subject, "Storgatan 1, 111 22 Stockholm"));
    }

    final List<EventMessage<?>> before = new ArrayList<>();
    final Map<String, Integer> sequences = new java.util.HashMap<>();

    void on(String caseId, Object payload) {
        int sequence = sequences.merge(caseId, 1, Integer::sum) - 1;
        before.add(new GenericDomainEventMessage<>(
                "Case",
                caseId,
                sequence,
                payload,
                Map.of(),
                caseId + "#" + sequence,
                T0.plusSeconds(60L * before.size())));
    }

    /** Two cases of the erased person (one as co-applicant), one of someone else; notes, follow-ups, a comment. */
    List<EventMessage<?>> history() {
        on("erased-applicant", opened("erased-applicant", person(ERASED, "Erasable Tolvansson"), null));
        on(
                "erased-applicant",
                new NoteAdded("erased-applicant", 1, ShreddingUnwrapper.wrap(ERASED, "Payslip from Erasable")));
        on(
                "erased-applicant",
                new FollowUpScheduled(
                        "erased-applicant",
                        "f-1",
                        "2026-11-25",
                        "2026-11-24T23:00:00Z",
                        ShreddingUnwrapper.wrap(ERASED, "Call Erasable")));
        on(
                "erased-applicant",
                new FollowUpDue(
                        "erased-applicant", "f-1", "2026-11-25", ShreddingUnwrapper.wrap(ERASED, "Call Erasable")));
        on(
                "erased-co-applicant",
                opened(
                        "erased-co-applicant",
                        person(KEPT, "Keeper Tolvansson"),
                        person(ERASED, "Erasable Tolvansson")));
        on(
                "erased-co-applicant",
                new NoteAdded("erased-co-applicant", 1, ShreddingUnwrapper.wrap(KEPT, "Payslip from Keeper")));
        on("kept", opened("kept", person(KEPT, "Keeper Tolvansson"), null));
        on("kept", new CaseClosed("kept", CloseReason.values()[0], ShreddingUnwrapper.wrap(KEPT, "Keeper withdrew")));
        return List.copyOf(before);
    }

    static CaseOpened opened(String caseId, ProtectedApplicant applicant, ProtectedApplicant coApplicant) {
        return new CaseOpened(
                caseId,
                applicant,
                coApplicant,
                new LoanRequest(100_000, 60, LoanPurpose.CAR),
                new Income(42_000, EmploymentType.PERMANENT));
    }

    /** After the erasure the case goes on: an event without personal data still changes the document. */
    EventMessage<?> afterwards() {
        int sequence = sequences.merge("erased-applicant", 1, Integer::sum) - 1;
        return new GenericDomainEventMessage<>(
                "Case",
                "erased-applicant",
                sequence,
                new CaseClosed("erased-applicant", CloseReason.values()[0], null),
                Map.of(),
                "erased-applicant#" + sequence,
                T0.plusSeconds(90_000));
    }

    void handle(List<EventMessage<?>> events) throws Exception {
        for (EventMessage<?> event : events) {
            handlers.handle(event);
        }
    }

    @Test
    void theErasureRemovesEveryUnwrappedTraceInPlaceAndARebuildWritesTheSameBytes() throws Exception {
        List<EventMessage<?>> history = history();
        handle(history);
        assertThat(REDIS.dump())
                .contains("Erasable", "E***", "Payslip from Erasable", "Call Erasable", "subject/" + ERASED);

        unwrapper.shred(ERASED);
        handlers.handle(ShreddingUnwrapper.erasure(ERASED, T0.plusSeconds(86_400)));
        EventMessage<?> afterwards = afterwards();
        handlers.handle(afterwards);
        String live = REDIS.dump();

        assertThat(live)
                .doesNotContain("Erasable", "E***", "subject/" + ERASED)
                .contains("Keeper Tolvansson", "Payslip from Keeper", "Keeper withdrew", "erased/" + ERASED)
                .contains(ActivityText.ERASED);
        assertThat(REDIS.connection().sync().xlen(REDIS.prefix() + CaseProjection.activityKey("erased-applicant")))
                .as("the erased applicant's feed is one entry")
                .isEqualTo(1);
        assertThat(REDIS.connection().sync().xlen(REDIS.prefix() + CaseProjection.activityKey("erased-co-applicant")))
                .as("a co-applicant's erasure leaves the applicant's feed")
                .isEqualTo(2);
        assertThat(store.get(CaseProjection.documentKey("erased-applicant")))
                .contains("\"status\":\"CLOSED\"", "\"note\":\"(erased)\"");

        for (List<EventMessage<?>> rebuild : ShreddingUnwrapper.rebuildOrders(
                history, ShreddingUnwrapper.erasure(ERASED, T0.plusSeconds(86_400)), afterwards)) {
            projection.reset();
            handle(rebuild);
            assertThat(REDIS.dump()).as("a rebuild").isEqualTo(live);
        }
    }
}
