package se.caseflow.projections;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * The processing group {@value #NAME}, the Redis read side, defined once: its name, the twin that rebuilds it
 * ({@value #REBUILD_TWIN}), the order its events are applied in, and the Redis keys its handlers own. The case, SMS
 * and partner projections are its handlers; ops rebuild it through {@link RebuildableProjection}. How its processors
 * run (threads, batches, first token, errors, dead letters) is set with every other processor's in axon-config's
 * {@code EventProcessorSettings}, which takes {@link #sequencing()} from this module's configuration
 * (docs/adr/0042).
 */
public final class CaseProjectionsGroup {

    /** The live processor and the group of every read-side handler. */
    public static final String NAME = ProcessingGroups.CASE_PROJECTIONS;

    /** The twin processor: the same handlers writing a new generation, started only by a rebuild (docs/adr/0016). */
    public static final String REBUILD_TWIN = ProcessingGroups.CASE_PROJECTIONS_REBUILD;

    /** The case projection's keys: documents and activity feeds, views, positions, subject indexes, erasure marks. */
    public static final List<String> CASE_KEYS = List.of("case/", "view/", "applied/case/", "subject/", "erased/");

    /**
     * The SMS projection's keys besides the conversations under {@code case/} and the view under {@code view/}
     * (those are in {@link #CASE_KEYS}).
     */
    public static final List<String> SMS_KEYS = List.of("sms/", "applied/sms/", "applied/sms-unmatched");

    /** The partner projection's keys: partner documents and offers views, its own state, positions. */
    public static final List<String> PARTNER_KEYS = List.of("partner/", "partner-state/", "applied/partner/");

    /** Every key prefix the group writes (under a generation's prefix): what a rebuild empties and drops. */
    public static final List<String> OWNED_KEYS =
            Stream.of(CASE_KEYS, SMS_KEYS, PARTNER_KEYS).flatMap(List::stream).toList();

    /** The one sequence of every unmatched inbound SMS. */
    private static final String UNMATCHED_SMS_SEQUENCE = "sms-unmatched";

    private CaseProjectionsGroup() {}

    /**
     * Events of one case are applied in order, one at a time; every unmatched inbound SMS is in one sequence, so the
     * unmatched feed is written in event order and its entry ids (the global index) only grow. The dead-letter queue
     * names a sequence by the same identifier (a case id).
     */
    public static SequencingPolicy<EventMessage<?>> sequencing() {
        SequentialPerAggregatePolicy perCase = SequentialPerAggregatePolicy.instance();
        return event -> event.getPayload() instanceof UnmatchedSmsReceived
                ? UNMATCHED_SMS_SEQUENCE
                : perCase.getSequenceIdentifierFor(event);
    }

    /**
     * Registers a projection's twin ({@code handlers}: its handlers writing {@link RebuildableProjection#target}) in
     * the {@value #REBUILD_TWIN} processor, so a rebuild redoes its keys too.
     */
    public static ConfigurerModule inRebuildTwin(Object handlers) {
        return configurer -> configurer
                .eventProcessing()
                .registerEventHandler(c -> handlers)
                .assignHandlerInstancesMatching(REBUILD_TWIN, Integer.MAX_VALUE, handler -> handler == handlers);
    }
}
