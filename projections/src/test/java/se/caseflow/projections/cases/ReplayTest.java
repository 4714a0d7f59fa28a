package se.caseflow.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.projections.Notices;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/** Redelivery changes nothing, and a rebuild from zero writes byte-identical keys. */
class ReplayTest {

    static final TestRedis REDIS = TestRedis.create("replay");

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final CaseProjection projection = new CaseProjection(store, (token, caller, purpose) -> TestEvents.unwrap(token));
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);

    /** Each test starts from an empty read side (the redelivery test leaves its barrier case behind). */
    @BeforeEach
    void emptyReadSide() {
        projection.reset();
    }

    /** About 200 events over 60 cases across three Stockholm days, interleaved as an event store would. */
    static List<EventMessage<?>> stream() {
        Random random = new Random(42);
        Instant start = Instant.parse("2026-11-24T06:00:00Z");
        List<EventMessage<?>> events = new ArrayList<>();
        int[] next = new int[60];
        boolean[] closed = new boolean[60];
        for (int t = 0; events.size() < 200; t++) {
            int c = random.nextInt(60);
            String id = "case-" + c;
            Instant at = start.plusSeconds(t * 997L);
            if (closed[c]) {
                continue;
            }
            Object payload;
            if (next[c] == 0) {
                payload = TestEvents.opened(id, "Person " + c, 10_000L * (c + 1), 12 + c, LoanPurpose.values()[c % 5]);
            } else if (random.nextInt(5) == 0) {
                payload = TestEvents.closed(id, CloseReason.values()[c % 7], c % 2 == 0 ? null : "Comment " + c);
                closed[c] = true;
            } else {
                payload = TestEvents.note(id, next[c], "Note \"" + next[c] + "\" åäö");
            }
            events.add(TestEvents.message(id, next[c]++, payload, at));
        }
        return events;
    }

    void handleAll(List<EventMessage<?>> events) throws Exception {
        for (EventMessage<?> event : events) {
            handlers.handle(event);
        }
    }

    String dump() {
        return REDIS.dump();
    }

    @Test
    void aRedeliveredEventChangesNothingAndPublishesNothing() throws Exception {
        List<EventMessage<?>> events = stream();
        handleAll(events);
        String before = dump();

        Notices notices = new Notices();
        ProjectionReader reader = new ProjectionReader(REDIS.client(), REDIS.connection(), REDIS.prefix());
        String redelivered;
        try (AutoCloseable subscription = reader.subscribe(notices)) {
            handlers.handle(events.get(0));
            handlers.handle(events.get(events.size() - 1));
            handleAll(events.subList(50, 120));
            // past the handler's own check: the Lua script refuses a position it has applied
            assertThat(store.apply(se.caseflow.projections.store.Write.at("applied/case/case-1", 0)
                            .document("case/case-1", 99, "{}")))
                    .isFalse();
            redelivered = dump();
            handlers.handle(TestEvents.message(
                    "barrier",
                    0,
                    TestEvents.opened("barrier", "Anna Svensson", 10_000, 12, LoanPurpose.OTHER),
                    Instant.parse("2026-11-24T06:00:00Z")));

            assertThat(notices.before(notice -> notice.contains("\"case/barrier\"")))
                    .as("notices of the redelivered events")
                    .isEmpty();
        }
        assertThat(redelivered).isEqualTo(before);
    }

    @Test
    void aRebuildFromZeroIsByteIdentical() throws Exception {
        List<EventMessage<?>> events = stream();
        handleAll(events);
        String live = dump();
        assertThat(live).contains("view/open (zset)", "/activity (stream)", "view/closed-today/2026-11-2");

        projection.reset();
        assertThat(dump()).isEmpty();
        handleAll(events);
        assertThat(dump()).isEqualTo(live);
    }
}
