package se.caseflow.projections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.IncomeBand;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.PartnerCaseSummary;

/**
 * Case events as the event store would hand them to a processor: each case's events numbered from 0, each at the
 * time given (or a minute after the previous one).
 */
public final class EventLog {

    private final List<EventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock;

    public EventLog(Instant start) {
        this.clock = start;
    }

    /** Appends an event a minute after the previous one. */
    public EventMessage<?> add(String caseId, Object payload) {
        return add(caseId, payload, clock.plusSeconds(60));
    }

    public EventMessage<?> add(String caseId, Object payload, Instant at) {
        long sequence = sequences.merge(caseId, 1L, Long::sum) - 1;
        clock = at;
        EventMessage<?> message = new GenericDomainEventMessage<>(
                "Case", caseId, sequence, payload, Map.of(), caseId + "#" + sequence, at);
        events.add(message);
        return message;
    }

    public Instant now() {
        return clock;
    }

    public List<EventMessage<?>> events() {
        return List.copyOf(events);
    }

    /** Hands every event to the handlers, in order. */
    public static void handle(AnnotationEventHandlerAdapter handlers, List<EventMessage<?>> events) throws Exception {
        for (EventMessage<?> event : events) {
            handlers.handle(event);
        }
    }

    public static PartnerCaseSummary summary() {
        return new PartnerCaseSummary(150_000, 60, LoanPurpose.CONSOLIDATION, IncomeBand.FROM_30000_TO_44999, 4);
    }

    /** Terms of a bid: {@code rate} nominal, a quarter point more effective, valid until {@code validUntil}. */
    public static BidTerms terms(String rate, long monthlyCostOre, String validUntil) {
        BigDecimal nominal = new BigDecimal(rate);
        return new BidTerms(150_000, nominal, nominal.add(new BigDecimal("0.25")), 60, monthlyCostOre, validUntil);
    }
}
