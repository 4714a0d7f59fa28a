package se.caseflow.projections.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
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
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.SmsDeliveryStatus;
import se.caseflow.domain.api.SmsDeliveryStatusChanged;
import se.caseflow.domain.api.SmsEncoding;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendStarted;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.projections.SelfIndexingVault;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/** The SMS read side fed events directly, on the real Redis: live, redelivered and rebuilt. */
class SmsProjectionTest {

    static final TestRedis REDIS = TestRedis.create("sms-projection");
    static final Instant T0 = Instant.parse("2026-11-25T08:30:00Z");
    static final String SID = "SM0123456789abcdef0123456789abcdef";

    ProjectionStore store;
    ProjectionReader reader;
    SmsProjection projection;
    AnnotationEventHandlerAdapter handlers;

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    @BeforeEach
    void setUp() {
        REDIS.deleteKeys();
        store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
        reader = new ProjectionReader(REDIS.client(), REDIS.connection(), REDIS.prefix());
        projection = new SmsProjection(
                store, new SmsPersonalData((token, caller, purpose) -> revealed(token), new SelfIndexingVault()));
        handlers = new AnnotationEventHandlerAdapter(projection);
    }

    private final List<EventMessage<?>> events = new ArrayList<>();
    private final Map<String, Integer> sequences = new java.util.HashMap<>();

    private void on(String caseId, Object payload) {
        int sequence = sequences.merge(caseId, 1, Integer::sum) - 1;
        Instant at = T0.plusSeconds(60L * events.size());
        GenericDomainEventMessage<?> message = new GenericDomainEventMessage<>(
                "Case", caseId, sequence, payload, Map.of(), caseId + "#" + sequence, at);
        events.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(events.size()), message));
    }

    private void unmatched(UnmatchedSmsReceived payload) {
        on(payload.caseId(), payload);
    }

    /** The stubbed secrets store opens a token to itself and indexes a value as itself. */
    private static Unwrapped revealed(String token) {
        return new Unwrapped.Revealed(token);
    }

    /** A case whose applicant's phone the stubs open to {@code phoneIndex} and index as itself. */
    private static CaseOpened opened(String caseId, String phoneIndex) {
        ProtectedValue value = new ProtectedValue("token");
        return new CaseOpened(
                caseId,
                new ProtectedApplicant("subject", value, value, new ProtectedValue(phoneIndex), value, value),
                null,
                new LoanRequest(100_000, 60, LoanPurpose.CAR),
                new Income(40_000, EmploymentType.PERMANENT));
    }

    private static SmsRequested requested(String caseId, String messageId) {
        return new SmsRequested(
                caseId,
                messageId,
                SmsTemplate.OFFERS_READY,
                new ProtectedValue(SmsTemplate.OFFERS_READY.text()),
                SmsEncoding.GSM7,
                120,
                1,
                null,
                new ProtectedValue("+46701740605"));
    }

    private void story() {
        on("case-a", opened("case-a", "phone-1"));
        on("case-b", opened("case-b", "phone-1"));
        on("case-a", requested("case-a", "m-1"));
        on("case-a", new SmsSendStarted("case-a", "m-1"));
        on("case-a", new SmsSent("case-a", "m-1", SID, "queued"));
        on(
                "case-a",
                new SmsDeliveryStatusChanged(
                        "case-a", "m-1", SID, SmsDeliveryStatus.DELIVERED, null, SmsDeliveryStatus.DELIVERED));
        on(
                "case-a",
                new SmsDeliveryStatusChanged(
                        "case-a", "m-1", SID, SmsDeliveryStatus.SENT, null, SmsDeliveryStatus.DELIVERED));
        on("case-b", new SmsReceived("case-b", SID, new ProtectedValue("+46701740605"), new ProtectedValue("Hej"), 2));
        unmatched(new UnmatchedSmsReceived(
                "u-1", "SM" + "1".repeat(32), new ProtectedValue("+46731234567"), new ProtectedValue("Vem?")));
        on("case-a", requested("case-a", "m-2"));
        on("case-a", new SmsSendStarted("case-a", "m-2"));
        on("case-a", new SmsOutcomeUnknown("case-a", "m-2", "crash"));
        on(
                "case-b",
                new SmsReceived(
                        "case-b",
                        "SM" + "2".repeat(32),
                        new ProtectedValue("+46701740605"),
                        new ProtectedValue("Hallå?"),
                        2));
        unmatched(new UnmatchedSmsReceived(
                "u-2", "SM" + "3".repeat(32), new ProtectedValue("+46731234567"), new ProtectedValue("Igen")));
        on("case-a", new CaseClosed("case-a", CloseReason.NO_OFFERS, null));
    }

    private void handleAll(List<EventMessage<?>> messages) throws Exception {
        for (EventMessage<?> message : messages) {
            handlers.handle(message);
        }
    }

    @Test
    void theConversationCarriesEachMessagesStateAndRepliesWaitToBeRead() throws Exception {
        story();
        handleAll(events);

        List<Map<String, String>> a = reader.feed("case/case-a/sms", null, 100).stream()
                .map(ProjectionReader.FeedEntry::fields)
                .toList();
        assertThat(a)
                .extracting(e -> e.get("messageId") + ":" + e.get("state"))
                .containsExactly(
                        "m-1:requested",
                        "m-1:sending",
                        "m-1:queued",
                        "m-1:delivered",
                        "m-1:delivered",
                        "m-2:requested",
                        "m-2:sending",
                        "m-2:unknown");
        assertThat(a.get(0))
                .containsEntry("text", SmsTemplate.OFFERS_READY.text())
                .containsEntry("segments", "1")
                .containsEntry("to", "+4670*****05");
        List<Map<String, String>> b = reader.feed("case/case-b/sms", null, 100).stream()
                .map(ProjectionReader.FeedEntry::fields)
                .toList();
        assertThat(b).extracting(e -> e.get("text")).containsExactly("Hej", "Hallå?");
        assertThat(b.get(0).get("note")).contains("2 open cases");

        assertThat(reader.view("view/unanswered-sms", 0, 10).members())
                .extracting(m -> m.caseId())
                .containsExactly("case-b");
        assertThat(reader.view("sms/phone/phone-1", 0, 10).members())
                .extracting(m -> m.caseId())
                .containsExactly("case-b");
        assertThat(reader.feed("sms/unmatched", null, 10))
                .extracting(e -> e.fields().get("from") + " " + e.fields().get("text"))
                .containsExactly("+4673*****67 Vem?", "+4673*****67 Igen");

        on("case-b", new SmsRepliesRead("case-b", 2));
        handlers.handle(events.get(events.size() - 1));
        assertThat(reader.count("view/unanswered-sms")).isZero();
    }

    @Test
    void aRedeliveryChangesNothingAndARebuildWritesTheSame() throws Exception {
        story();
        handleAll(events);
        String live = dump();

        handleAll(events.subList(3, 10));
        assertThat(dump()).isEqualTo(live);

        // the processing group's reset: this projection's keys, and case/ (incl. case/{id}/sms) by CaseProjection
        projection.reset();
        store.deleteAll(List.of("case/", "view/"));
        assertThat(dump()).isEmpty();
        handleAll(events);
        assertThat(dump()).isEqualTo(live);
    }

    private String dump() {
        return REDIS.dump();
    }
}
