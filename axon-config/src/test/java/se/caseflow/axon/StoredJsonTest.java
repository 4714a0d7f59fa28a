package se.caseflow.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsRequested;

/**
 * What Axon stores (events, snapshots, sagas, tokens) is written byte for byte as with the settings the event store
 * was first filled with, whatever the rest of caseflow's JSON settings become: every message of every schema example,
 * each saga's state and the tracking tokens serialize to the same bytes as a mapper holding exactly those settings.
 */
class StoredJsonTest {

    /** The settings of the event store's first rows, written down once; never change them. */
    private static final ObjectMapper AS_FIRST_STORED = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String API = "se.caseflow.domain.api.";

    private final AxonSerializationConfiguration configuration = new AxonSerializationConfiguration();

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        Resource[] files = new PathMatchingResourcePatternResolver(StoredJsonTest.class.getClassLoader())
                .getResources("classpath*:schemas/*/*.schema.json");
        for (Resource file : files) {
            String name = Objects.requireNonNull(file.getFilename()).replace(".schema.json", "");
            try (InputStream in = file.getInputStream()) {
                JsonNode examples = AS_FIRST_STORED.readTree(in).path("examples");
                for (int i = 0; i < examples.size(); i++) {
                    rows.add(Arguments.of(name, i, examples.get(i)));
                }
            }
        }
        assertThat(rows).hasSizeGreaterThan(50);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} example {1}")
    @MethodSource("examples")
    void everyMessageIsStoredAsFirstStored(String name, int index, JsonNode example) throws Exception {
        Object message = AS_FIRST_STORED.treeToValue(example, Class.forName(API + name));

        assertStoredAsFirst(message);
    }

    @Test
    void sagaStateAndTrackingTokensAreStoredAsFirstStored() throws Exception {
        for (String saga : List.of(
                "se.caseflow.domain.sms.SmsSendingSaga",
                "se.caseflow.domain.bidding.BiddingSaga",
                "se.caseflow.domain.identity.IdentityCheckSaga",
                "se.caseflow.domain.creditreport.CreditCheckSaga")) {
            assertStoredAsFirst(sagaWithState(saga));
        }
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(41);
        assertStoredAsFirst(token);
        assertStoredAsFirst(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(99), token));
    }

    @Test
    void anEventIsStoredAsThisText() {
        SmsRequested event = new SmsRequested("c-1", "m-1", null, null, SmsEncoding.GSM7, 10, 1, null, null);

        assertThat(storedText(configuration.eventSerializer(), event))
                .isEqualTo("{\"caseId\":\"c-1\",\"messageId\":\"m-1\",\"encoding\":\"GSM7\",\"length\":10,"
                        + "\"segments\":1}");
    }

    private void assertStoredAsFirst(Object value) throws IOException {
        String expected = new String(AS_FIRST_STORED.writeValueAsBytes(value), StandardCharsets.UTF_8);
        for (Serializer serializer : List.of(
                configuration.eventSerializer(), configuration.serializer(), configuration.messageSerializer())) {
            assertThat(storedText(serializer, value)).as("%s", value.getClass()).isEqualTo(expected);
        }
    }

    private static String storedText(Serializer serializer, Object value) {
        return new String(serializer.serialize(value, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    /** A saga instance with every non-transient String field set, as Axon's saga store would serialize it. */
    private static Object sagaWithState(String className) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor();
        constructor.setAccessible(true);
        Object saga = constructor.newInstance();
        for (Field field : saga.getClass().getDeclaredFields()) {
            if (field.getType() == String.class
                    && !java.lang.reflect.Modifier.isStatic(field.getModifiers())
                    && !java.lang.reflect.Modifier.isTransient(field.getModifiers())) {
                field.setAccessible(true);
                field.set(saga, field.getName() + "-1");
            }
        }
        return saga;
    }
}
