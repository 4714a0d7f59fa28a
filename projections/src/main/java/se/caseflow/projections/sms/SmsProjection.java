package se.caseflow.projections.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.SmsDeliveryStatusChanged;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendFailed;
import se.caseflow.domain.api.SmsSendStarted;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.SubjectErased;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.json.Json;
import se.caseflow.projections.CaseProjectionsGroup;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.projections.store.Write;

/**
 * SMS on the read side, in the {@code case-projections} processing group (so a rebuild redoes it too):
 *
 * <ul>
 *   <li>{@code case/{id}/sms}: the conversation, one entry per SMS event (id {@code <version>-0}); each
 *       entry carries the message id and the message's state after that event, so the latest entry of a
 *       message is its current delivery state;
 *   <li>{@code view/unanswered-sms}: cases with replies nobody has read, ranked by the oldest unread one;
 *   <li>{@code sms/unmatched}: messages from numbers without an open case (id {@code <global index>-0});
 *   <li>{@code sms/phone/{blind index}}: the open cases of a number, ranked by opening time, for routing
 *       inbound messages; {@code sms/case/{id}}: this projection's own bookkeeping of a case.
 * </ul>
 *
 * <p>Each event's writes are one Lua call guarded by {@code applied/sms/{id}} (the aggregate sequence), so a
 * redelivered event changes nothing, and everything comes from the events, so a rebuild writes the same.
 */
@ProcessingGroup(CaseProjectionsGroup.NAME)
class SmsProjection {

    static final String UNANSWERED = "view/unanswered-sms";
    static final String UNMATCHED = "sms/unmatched";

    /** The state's flag of a case whose applicant is erased; its conversation takes no more entries. */
    private static final String ERASED = "erased";

    /** The id of the one entry of an erased applicant's conversation: before the first event's. */
    private static final String ERASED_ENTRY_ID = "0-1";

    private static final Logger log = LoggerFactory.getLogger(SmsProjection.class);
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Stockholm"));

    private final Supplier<ProjectionStore> store;
    private final SmsPersonalData personalData;
    private final ObjectMapper json = Json.mapper();

    SmsProjection(ProjectionStore store, SmsPersonalData personalData) {
        this(() -> store, personalData);
    }

    /** Writing wherever {@code store} points at each event: the rebuild twin writes the generation being built. */
    SmsProjection(Supplier<ProjectionStore> store, SmsPersonalData personalData) {
        this.store = store;
        this.personalData = personalData;
    }

    static String conversationKey(String caseId) {
        return "case/" + caseId + "/sms";
    }

    static String phoneKey(String phoneIndex) {
        return "sms/phone/" + phoneIndex;
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String caseId = event.caseId();
        String subject = event.applicant().subject();
        write(target -> {
            Optional<String> index = personalData.routingIndex(event.applicant().mobilePhone());
            boolean erased = index.isEmpty(); // every applicant has a number: none opens once they are erased
            ObjectNode state = json.createObjectNode();
            index.ifPresent(phoneIndex -> state.put("phoneIndex", phoneIndex));
            state.put("openedAt", at.toEpochMilli());
            state.put("open", true);
            state.put("unread", 0);
            state.putNull("unreadSince");
            state.putObject("messages");
            if (erased) {
                state.put(ERASED, true);
            }
            Write write = Write.at(position(caseId), sequence).document(stateKey(caseId), sequence + 1, write(state));
            if (erased) {
                write.feedEntry(conversationKey(caseId), ERASED_ENTRY_ID, erasedEntry(at));
            } else {
                write.expect(erasedKey(subject), null).setAdd(subjectKey(subject), caseId);
            }
            index.ifPresent(phoneIndex -> write.viewAdd(phoneKey(phoneIndex), caseId, at.toEpochMilli()));
            return write;
        });
    }

    /**
     * The applicant of some cases is erased: their conversations become the one entry saying so and take no more,
     * their number no longer routes to them, and the unmatched messages from it leave the unmatched feed (the secrets
     * store shredded them with the person), as a rebuild now writes it. The marker goes first, so a case opened
     * with their number but not yet written is refused and written again erased.
     */
    @EventHandler
    void on(SubjectErased event) {
        String subject = event.subject();
        write(target -> Write.unpositioned().mark(erasedKey(subject), event.erasureId()));
        for (String caseId : store.get().members(subjectKey(subject))) {
            write(target -> {
                String current = target.get(stateKey(caseId));
                if (current == null) {
                    return null;
                }
                ObjectNode state = read(current);
                JsonNode phoneIndex = state.remove("phoneIndex");
                state.put(ERASED, true);
                Write write = Write.unpositioned()
                        .expect(stateKey(caseId), current)
                        .document(stateKey(caseId), 0, write(state))
                        .delete(conversationKey(caseId))
                        .feedEntry(
                                conversationKey(caseId),
                                ERASED_ENTRY_ID,
                                erasedEntry(Instant.ofEpochMilli(
                                        state.path("openedAt").asLong())));
                if (phoneIndex != null) {
                    write.viewRemove(phoneKey(phoneIndex.asText()), caseId);
                    String fromThem = unmatchedFromKey(phoneIndex.asText());
                    target.members(fromThem).forEach(entry -> write.feedDelete(UNMATCHED, entry));
                    write.delete(fromThem);
                }
                return write;
            });
        }
        write(target -> Write.unpositioned().delete(subjectKey(subject)));
    }

    @EventHandler
    void on(CaseClosed event, @SequenceNumber long sequence) {
        update(event.caseId(), sequence, null, (state, write) -> {
            state.put("open", false);
            if (state.hasNonNull("phoneIndex")) {
                write.viewRemove(phoneKey(state.get("phoneIndex").asText()), event.caseId());
            }
            write.viewRemove(UNANSWERED, event.caseId());
        });
    }

    @EventHandler
    void on(SmsRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> entry = entry(
                sequence,
                "SmsRequested",
                at,
                "out",
                event.messageId(),
                event.sendAt() == null ? "requested" : "scheduled");
        entry.put("text", personalData.text(event.text()));
        entry.put("to", personalData.mask(event.to()));
        entry.put("encoding", event.encoding().name());
        entry.put("length", Integer.toString(event.length()));
        entry.put("segments", Integer.toString(event.segments()));
        if (event.templateId() != null) {
            entry.put("template", event.templateId().name());
        }
        if (event.sendAt() != null) {
            entry.put("sendAt", event.sendAt());
            entry.put("sendAtLocal", LOCAL_TIME.format(Instant.parse(event.sendAt())));
        }
        message(event.caseId(), sequence, entry);
    }

    @EventHandler
    void on(SmsSendStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        message(event.caseId(), sequence, entry(sequence, "SmsSendStarted", at, "out", event.messageId(), "sending"));
    }

    @EventHandler
    void on(SmsSent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        boolean local = event.messageSid().startsWith("local-");
        Map<String, String> entry = entry(
                sequence, "SmsSent", at, "out", event.messageId(), local ? "not-sent-local-outbox" : event.status());
        entry.put("messageSid", event.messageSid());
        message(event.caseId(), sequence, entry);
    }

    @EventHandler
    void on(SmsSendFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> entry = entry(sequence, "SmsSendFailed", at, "out", event.messageId(), "failed");
        entry.put("errorCode", event.errorCode());
        entry.put("errorMessage", event.errorMessage());
        message(event.caseId(), sequence, entry);
    }

    @EventHandler
    void on(SmsOutcomeUnknown event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> entry = entry(sequence, "SmsOutcomeUnknown", at, "out", event.messageId(), "unknown");
        entry.put("reason", event.reason());
        message(event.caseId(), sequence, entry);
    }

    @EventHandler
    void on(SmsDeliveryStatusChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> entry = entry(
                sequence,
                "SmsDeliveryStatusChanged",
                at,
                "out",
                event.messageId(),
                event.state().twilioName());
        entry.put("reported", event.reported().twilioName());
        entry.put("messageSid", event.messageSid());
        if (event.errorCode() != null) {
            entry.put("errorCode", event.errorCode());
        }
        message(event.caseId(), sequence, entry);
    }

    @EventHandler
    void on(SmsReceived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> entry = entry(sequence, "SmsReceived", at, "in", event.messageSid(), "received");
        entry.put("text", personalData.text(event.body()));
        entry.put("from", personalData.mask(event.from()));
        entry.put("messageSid", event.messageSid());
        if (event.openCasesForSender() > 1) {
            entry.put(
                    "note",
                    "This number has " + event.openCasesForSender()
                            + " open cases; the message was put on the most recently opened one");
        }
        update(event.caseId(), sequence, entry, (state, write) -> {
            state.put("unread", state.path("unread").asInt() + 1);
            if (state.path("unreadSince").isNull()) {
                state.put("unreadSince", at.toEpochMilli());
            }
            write.viewAdd(UNANSWERED, event.caseId(), state.path("unreadSince").asLong());
        });
    }

    @EventHandler
    void on(SmsRepliesRead event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> entry = entry(sequence, "SmsRepliesRead", at, "in", null, "read");
        entry.put("replies", Integer.toString(event.replies()));
        update(event.caseId(), sequence, entry, (state, write) -> {
            state.put("unread", 0);
            state.putNull("unreadSince");
            write.viewRemove(UNANSWERED, event.caseId());
        });
    }

    /**
     * One feed across records: its events are sequenced together (see SmsProjectionConfiguration). The entries of a
     * number are kept in {@code sms/unmatched-from/{index}}, so that the erasure of a person whose number it is
     * removes them; a message whose sender opens as erased (shredded with that person) is not shown.
     */
    @EventHandler
    void on(UnmatchedSmsReceived event, TrackingToken token, @Timestamp Instant at) {
        long index = token.position().orElseThrow();
        String entryId = (index + 1) + "-0";
        Optional<String> sender = event.from() == null ? Optional.empty() : personalData.routingIndex(event.from());
        Write write = Write.at("applied/sms-unmatched", index);
        if (event.from() == null || sender.isPresent()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("messageSid", event.messageSid());
            entry.put("from", personalData.mask(event.from()));
            entry.put("text", personalData.text(event.body()));
            entry.put("at", at.toString());
            entry.put("localTime", LOCAL_TIME.format(at));
            write.feedEntry(UNMATCHED, entryId, entry);
            sender.ifPresent(phone -> write.setAdd(unmatchedFromKey(phone), entryId));
        }
        store.get().apply(write);
    }

    /**
     * A rebuild of the group starts from an empty read side: this deletes the SMS projection's own keys; the
     * conversations under {@code case/} and the view under {@code view/} go with CaseProjection's reset, which
     * runs in the same processing group.
     */
    @ResetHandler
    void reset() {
        long deleted = store.get().deleteAll(CaseProjectionsGroup.SMS_KEYS);
        log.info("Reset of the SMS projection: deleted {} Redis keys", deleted);
    }

    private void message(String caseId, long sequence, Map<String, String> entry) {
        update(
                caseId,
                sequence,
                entry,
                (state, write) ->
                        ((ObjectNode) state.path("messages")).put(entry.get("messageId"), entry.get("state")));
    }

    private void update(String caseId, long sequence, Map<String, String> entry, Change change) {
        write(target -> {
            String current = target.get(stateKey(caseId));
            if (current == null) {
                log.warn("Skipping SMS event #{} of case {}: the case was never opened here", sequence, caseId);
                return null;
            }
            ObjectNode state = read(current);
            Write write = Write.at(position(caseId), sequence).expect(stateKey(caseId), current);
            change.apply(state, write);
            write.document(stateKey(caseId), sequence + 1, write(state));
            if (entry != null && !state.path(ERASED).asBoolean()) {
                write.feedEntry(conversationKey(caseId), (sequence + 1) + "-0", entry);
            }
            return write;
        });
    }

    private void write(Function<ProjectionStore, Write> read) {
        ProjectionStore.readAndApply(store, read);
    }

    /** The one entry of an erased applicant's conversation, the same whether an erasure or a rebuild writes it. */
    private static Map<String, String> erasedEntry(Instant openedAt) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("version", "0");
        entry.put("type", "PersonalDataErased");
        entry.put("text", "The applicant's personal data was erased: this conversation is no longer shown");
        entry.put("at", openedAt.toString());
        entry.put("localTime", LOCAL_TIME.format(openedAt));
        return entry;
    }

    /** The entries of the unmatched feed from one number, by its blind index, for an erasure to remove. */
    private static String unmatchedFromKey(String phoneIndex) {
        return "sms/unmatched-from/" + phoneIndex;
    }

    /** The cases of an applicant not erased, by subject, for an erasure to find. */
    private static String subjectKey(String subject) {
        return "sms/subject/" + subject;
    }

    /** Set when a subject was erased: a case of theirs is no longer written with their number. */
    private static String erasedKey(String subject) {
        return "sms/erased/" + subject;
    }

    private static Map<String, String> entry(
            long sequence, String type, Instant at, String direction, String messageId, String state) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("version", Long.toString(sequence + 1));
        entry.put("type", type);
        entry.put("direction", direction);
        if (messageId != null) {
            entry.put("messageId", messageId);
        }
        entry.put("state", state);
        entry.put("at", at.toString());
        entry.put("localTime", LOCAL_TIME.format(at));
        return entry;
    }

    private static String stateKey(String caseId) {
        return "sms/case/" + caseId;
    }

    private static String position(String caseId) {
        return "applied/sms/" + caseId;
    }

    private ObjectNode read(String document) {
        try {
            return (ObjectNode) json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable SMS state", e);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Change {
        void apply(ObjectNode state, Write write);
    }
}
