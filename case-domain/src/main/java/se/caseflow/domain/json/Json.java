package se.caseflow.domain.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * caseflow's one JSON configuration, for every module: Jackson's defaults, with Java time written as ISO-8601 text
 * ({@code "2026-12-07T21:00:00Z"}, never a number). No default typing, ever: what a value is comes from the code that
 * reads it, never from the JSON.
 *
 * <p>{@link #mapper()} is the mapper to use. A mapper that must differ starts from {@link #derive()} and says in one
 * line why where it is made: Axon's serializer (what is stored never changes), the command channels' parser
 * ({@link #strictParser}), the internal commands' fingerprint (nulls left out). Spring's own mapper (HTTP bodies,
 * problem details) is built on {@link #derive()} too.
 */
public final class Json {

    private static final ObjectMapper MAPPER = derive();

    private Json() {}

    /** The shared mapper. Thread-safe; never reconfigure it (that would change it for all): {@link #derive()}. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with the shared settings, to configure further. */
    public static ObjectMapper derive() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * For a command from outside (HTTP, Kafka): one JSON document and nothing after it, at most
     * {@code maxNestingDepth} levels deep and no string longer than {@code maxStringLength}, refused while parsing.
     */
    public static ObjectMapper strictParser(int maxNestingDepth, int maxStringLength) {
        ObjectMapper parser = derive().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        parser.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .build());
        return parser;
    }
}
