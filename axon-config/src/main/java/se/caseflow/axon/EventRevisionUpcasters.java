package se.caseflow.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.UnmatchedSmsReceived;

/**
 * Reads events written before events carried tokens only (ADR 0025): revision 1 of {@code CaseOpened},
 * {@code IdentityVerified}, {@code SmsRequested}, {@code SmsReceived} and {@code UnmatchedSmsReceived} held display
 * masks and blind indexes,
 * which named a person after their key was shredded, and {@code NoteAdded}, {@code CaseClosed}, {@code
 * FollowUpScheduled}, {@code FollowUpDue}, {@code SmsRequested}, {@code SmsReceived} and {@code
 * UnmatchedSmsReceived} held free text in
 * plaintext. The upcasters drop those fields (free text cannot be wrapped here: that needs the person's key), so
 * old events load as revision 2; the one-time migration in docs/privacy.md rewrites the stored bytes before this
 * version runs on data of an earlier one.
 *
 * <p>{@code SmsRequested} and {@code SmsReceived} were written as revision 2 in two shapes: first (when their masks
 * went) still with the text as a plaintext string, then with the text wrapped ({@code {"token": ...}}) under the same
 * revision number. A revision 2 whose text is a string is read like revision 1: the text is dropped.
 */
final class EventRevisionUpcasters {

    private EventRevisionUpcasters() {}

    /** Every upcaster of this class, in one chain. */
    static EventUpcasterChain all() {
        return new EventUpcasterChain(
                caseOpened(),
                identityVerified(),
                smsRequested(),
                smsReceived(),
                unmatchedSmsReceived(),
                freeText(NoteAdded.class, "text"),
                freeText(CaseClosed.class, "comment"),
                freeText(FollowUpScheduled.class, "note"),
                freeText(FollowUpDue.class, "note"),
                plaintextOfRevision2(SmsRequested.class, "text"),
                plaintextOfRevision2(SmsReceived.class, "body"));
    }

    /** Revision 2 of {@code type} as first written, with {@code field} as a plaintext string: dropped. */
    static SingleEventUpcaster plaintextOfRevision2(Class<?> type, String field) {
        return new DroppingUpcaster(type.getName(), "2", "2", payload -> {
            if (payload.path(field).isTextual()) {
                payload.remove(field);
            }
        });
    }

    static SingleEventUpcaster freeText(Class<?> type, String field) {
        return new DroppingUpcaster(type.getName(), payload -> payload.remove(field));
    }

    static SingleEventUpcaster caseOpened() {
        return new DroppingUpcaster(CaseOpened.class.getName(), payload -> {
            applicant(payload.get("applicant"));
            applicant(payload.get("coApplicant"));
        });
    }

    static SingleEventUpcaster identityVerified() {
        return new DroppingUpcaster(
                IdentityVerified.class.getName(), payload -> dropMask(payload.get("personalNumber")));
    }

    static SingleEventUpcaster smsRequested() {
        return new DroppingUpcaster(SmsRequested.class.getName(), payload -> {
            dropMask(payload.get("to"));
            payload.remove("text");
        });
    }

    static SingleEventUpcaster smsReceived() {
        return new DroppingUpcaster(SmsReceived.class.getName(), payload -> {
            dropMask(payload.get("from"));
            payload.remove("fromIndex");
            payload.remove("body");
        });
    }

    /** Revision 1 kept the sender as mask and blind index and the body in plaintext: nothing of it is left. */
    static SingleEventUpcaster unmatchedSmsReceived() {
        return new DroppingUpcaster(UnmatchedSmsReceived.class.getName(), payload -> {
            payload.remove("fromMask");
            payload.remove("fromIndex");
            payload.remove("body");
        });
    }

    private static void applicant(JsonNode applicant) {
        if (applicant instanceof ObjectNode person) {
            person.remove("personalNumberIndex");
            person.remove("mobilePhoneIndex");
            for (String field : new String[] {"personalNumber", "name", "mobilePhone", "email", "address"}) {
                dropMask(person.get(field));
            }
        }
    }

    private static void dropMask(JsonNode value) {
        if (value instanceof ObjectNode protectedValue) {
            protectedValue.remove("mask");
        }
    }

    /** Revision 1 of {@code type} to revision 2, by removing fields from the JSON payload. */
    private static final class DroppingUpcaster extends SingleEventUpcaster {

        private final SimpleSerializedType from;
        private final SimpleSerializedType to;
        private final Consumer<ObjectNode> drop;

        DroppingUpcaster(String type, Consumer<ObjectNode> drop) {
            this(type, "1", "2", drop);
        }

        DroppingUpcaster(String type, String fromRevision, String toRevision, Consumer<ObjectNode> drop) {
            this.from = new SimpleSerializedType(type, fromRevision);
            this.to = new SimpleSerializedType(type, toRevision);
            this.drop = drop;
        }

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return from.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(to, JsonNode.class, payload -> {
                ObjectNode copy = ((ObjectNode) payload).deepCopy();
                drop.accept(copy);
                return copy;
            });
        }
    }
}
