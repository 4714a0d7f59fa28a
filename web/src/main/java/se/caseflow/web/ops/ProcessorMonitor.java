package se.caseflow.web.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.axon.ProcessorTokens;

/**
 * What every event processor is doing, across nodes: segments and their owners and positions from the token
 * table, the head of the event stream, lag, events per second (sampled), errors and replays of the segments
 * this node runs, and the dead letters. Blocking (JDBC); call it on a worker thread.
 */
final class ProcessorMonitor {

    private static final Logger log = LoggerFactory.getLogger(ProcessorMonitor.class);

    record Segment(
            int segment,
            Long position,
            long lag,
            String owner,
            boolean claimedHere,
            Boolean caughtUp,
            Boolean replaying,
            String error) {}

    record Processor(
            String name,
            String mode,
            boolean running,
            boolean replaying,
            boolean replayable,
            Long head,
            long lag,
            double eventsPerSecond,
            int segmentsClaimedHere,
            List<Segment> segments,
            List<String> errors,
            long deadLetters,
            long deadLetterSequences) {}

    private record Sample(long position, long nanos, double rate, long lag) {}

    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final ProcessorTokens tokens;
    private final Set<String> replayable;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    ProcessorMonitor(
            EventProcessingConfiguration processing,
            StreamableMessageSource<TrackedEventMessage<?>> source,
            ProcessorTokens tokens,
            Set<String> replayable) {
        this.processing = processing;
        this.source = source;
        this.tokens = tokens;
        this.replayable = replayable;
    }

    /** The head of the event stream: the position of the newest event (0 when there is none). */
    long head() {
        return position(source.createHeadToken()).orElse(0);
    }

    List<Processor> processors() {
        long head = head();
        List<Processor> all = new ArrayList<>();
        for (Map.Entry<String, EventProcessor> entry :
                processing.eventProcessors().entrySet()) {
            all.add(describe(entry.getKey(), entry.getValue(), head));
        }
        all.sort(Comparator.comparing(Processor::name));
        return all;
    }

    Optional<Processor> processor(String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        return processor == null ? Optional.empty() : Optional.of(describe(name, processor, head()));
    }

    /** Called every sample interval: remembers positions so that events per second and lag can be told. */
    void sample() {
        try {
            long head = head();
            for (Map.Entry<String, EventProcessor> entry :
                    processing.eventProcessors().entrySet()) {
                if (entry.getValue() instanceof StreamingEventProcessor) {
                    List<ProcessorTokens.Segment> rows = tokenRows(entry.getKey());
                    long position = rows.stream()
                            .mapToLong(row -> row.position() == null ? 0 : row.position())
                            .max()
                            .orElse(0);
                    long lag = rows.isEmpty()
                            ? head
                            : Math.max(
                                    0,
                                    head
                                            - rows.stream()
                                                    .mapToLong(row -> row.position() == null ? 0 : row.position())
                                                    .min()
                                                    .orElse(0));
                    long now = System.nanoTime();
                    samples.compute(entry.getKey(), (name, previous) -> {
                        if (previous == null) {
                            return new Sample(position, now, 0, lag);
                        }
                        double seconds = (now - previous.nanos()) / 1e9;
                        double rate =
                                seconds <= 0 ? previous.rate() : Math.max(0, position - previous.position()) / seconds;
                        return new Sample(position, now, rate, lag);
                    });
                }
            }
        } catch (RuntimeException e) {
            log.debug("Processor sample failed", e);
        }
    }

    /** The lag seen at the last sample (0 before the first). */
    double lastLag(String processor) {
        Sample sample = samples.get(processor);
        return sample == null ? 0 : sample.lag();
    }

    private Processor describe(String name, EventProcessor processor, long head) {
        long deadLetters = 0;
        long deadLetterSequences = 0;
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(name);
        if (queue.isPresent()) {
            deadLetters = queue.get().size();
            deadLetterSequences = queue.get().amountOfSequences();
        }
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            String mode = processor instanceof SubscribingEventProcessor ? "subscribing" : "other";
            return new Processor(
                    name,
                    mode,
                    processor.isRunning(),
                    false,
                    false,
                    head,
                    0,
                    0,
                    0,
                    List.of(),
                    List.of(),
                    deadLetters,
                    deadLetterSequences);
        }
        Map<Integer, EventTrackerStatus> local = streaming.processingStatus();
        List<Segment> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long minimum = Long.MAX_VALUE;
        for (ProcessorTokens.Segment row : tokenRows(name)) {
            EventTrackerStatus status = local.get(row.segment());
            Long position = row.position();
            if (status != null) {
                OptionalLong current = status.getCurrentPosition();
                if (current.isPresent()) {
                    position = current.getAsLong();
                }
            }
            long lag = Math.max(0, head - (position == null ? 0 : position));
            minimum = Math.min(minimum, position == null ? 0 : position);
            String error = status != null && status.isErrorState() && status.getError() != null
                    ? status.getError().getClass().getSimpleName() + ": "
                            + status.getError().getMessage()
                    : null;
            if (error != null) {
                errors.add("segment " + row.segment() + ": " + error);
            }
            segments.add(new Segment(
                    row.segment(),
                    position,
                    lag,
                    row.owner(),
                    status != null,
                    status == null ? null : status.isCaughtUp(),
                    status == null ? null : status.isReplaying(),
                    error));
        }
        Sample sample = samples.get(name);
        return new Processor(
                name,
                streaming instanceof TrackingEventProcessor
                        ? "tracking"
                        : streaming instanceof PooledStreamingEventProcessor ? "pooled" : "streaming",
                streaming.isRunning(),
                streaming.isReplaying(),
                replayable.contains(name),
                head,
                segments.isEmpty() ? head : Math.max(0, head - minimum),
                sample == null ? 0 : Math.round(sample.rate() * 10) / 10.0,
                local.size(),
                segments,
                errors,
                deadLetters,
                deadLetterSequences);
    }

    /** Every segment of the processor in the token table, whichever node claims it. */
    List<ProcessorTokens.Segment> tokenRows(String processor) {
        return tokens.segments(processor);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
