package se.caseflow.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.UnmatchedSmsReceived;

/** Events stored as revision 1 (with masks and blind indexes) still load, as revision 2 without them. */
class EventRevisionUpcastersTest {

    private final Serializer serializer = new AxonSerializationConfiguration().eventSerializer();
    private final EventUpcasterChain chain = EventRevisionUpcasters.all();

    private static final String APPLICANT = """
            {"subject": "s_1", "personalNumber": {"token": "pd1.pnr", "mask": "19121212-****"},
             "name": {"token": "pd1.name", "mask": "T*** T***"}, "mobilePhone": {"token": "pd1.phone", "mask": "+4670*****05"},
             "email": {"token": "pd1.email", "mask": "t***@example.se"}, "address": {"token": "pd1.addr", "mask": "*** Stockholm"},
             "personalNumberIndex": "aa11", "mobilePhoneIndex": "bb22"}""";

    @Test
    void caseOpenedRevision1LosesItsMasksAndBlindIndexes() {
        String stored = """
                {"caseId": "c-1", "applicant": %s, "coApplicant": %s,
                 "loan": {"amountSek": 150000, "termMonths": 60, "purpose": "CONSOLIDATION"},
                 "income": {"monthlyGrossSek": 42000, "employmentType": "PERMANENT"}}""".formatted(APPLICANT, APPLICANT);

        IntermediateEventRepresentation upcast = upcast(CaseOpened.class, stored);
        CaseOpened event = serializer.deserialize(upcast.getData());

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(json(upcast)).doesNotContain("mask", "****", "Index", "aa11", "bb22");
        assertThat(event.applicant().personalNumber().token()).isEqualTo("pd1.pnr");
        assertThat(event.coApplicant().address().token()).isEqualTo("pd1.addr");
        assertThat(event.loan().amountSek()).isEqualTo(150_000);
    }

    @Test
    void identityVerifiedRevision1LosesTheBirthDateOfItsMask() {
        String stored = """
                {"caseId": "c-1", "party": "APPLICANT", "personalNumber": {"token": "pd1.pnr", "mask": "19121212-****"}}""";

        IntermediateEventRepresentation upcast = upcast(IdentityVerified.class, stored);

        assertThat(json(upcast)).doesNotContain("mask", "19121212");
        assertThat(((IdentityVerified) serializer.deserialize(upcast.getData()))
                        .personalNumber()
                        .token())
                .isEqualTo("pd1.pnr");
    }

    @Test
    void smsRequestedAndReceivedRevision1LoseTheMaskAndIndexOfTheNumber() {
        String requested = """
                {"caseId": "c-1", "messageId": "m-1", "text": "Hej Tolvan", "encoding": "GSM7", "length": 10,
                 "segments": 1, "to": {"token": "pd1.phone", "mask": "+4670*****05"}}""";
        String received = """
                {"caseId": "c-1", "messageSid": "SM1", "from": {"token": "pd1.phone", "mask": "+4670*****05"},
                 "fromIndex": "bb22", "body": "Tack", "openCasesForSender": 1}""";

        IntermediateEventRepresentation upcastRequested = upcast(SmsRequested.class, requested);
        IntermediateEventRepresentation upcastReceived = upcast(SmsReceived.class, received);

        assertThat(json(upcastRequested)).doesNotContain("mask", "****", "Tolvan");
        assertThat(json(upcastReceived)).doesNotContain("mask", "****", "fromIndex", "bb22", "Tack");
        assertThat(((SmsRequested) serializer.deserialize(upcastRequested.getData()))
                        .to()
                        .token())
                .isEqualTo("pd1.phone");
        assertThat(((SmsReceived) serializer.deserialize(upcastReceived.getData()))
                        .from()
                        .token())
                .isEqualTo("pd1.phone");
    }

    @Test
    void unmatchedSmsReceivedRevision1LosesTheSendersMaskAndIndexAndTheBody() {
        String stored = """
                {"caseId": "u-1", "messageSid": "SM1", "fromMask": "+4670*****05", "fromIndex": "bb22",
                 "body": "Vem är detta?"}""";

        IntermediateEventRepresentation upcast = upcast(UnmatchedSmsReceived.class, stored);
        UnmatchedSmsReceived event = serializer.deserialize(upcast.getData());

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(json(upcast)).doesNotContain("fromMask", "****", "fromIndex", "bb22", "Vem");
        assertThat(event.messageSid()).isEqualTo("SM1");
        assertThat(event.from()).isNull();
        assertThat(event.body()).isNull();
    }

    @Test
    void freeTextOfRevision1IsDroppedForTheMigrationToWrap() {
        String note = """
                {"caseId": "c-1", "noteNumber": 1, "text": "Ringde om lönespecen"}""";
        String closed = """
                {"caseId": "c-1", "reason": "NO_OFFERS", "comment": "Hittade lån på annat håll"}""";
        String scheduled = """
                {"caseId": "c-1", "followUpId": "f-1", "date": "2026-12-07", "dueAt": "2026-12-06T23:00:00Z",
                 "note": "Har lönespecen kommit?"}""";
        String due = """
                {"caseId": "c-1", "followUpId": "f-1", "date": "2026-12-07", "note": "Har lönespecen kommit?"}""";

        assertThat(((NoteAdded) serializer.deserialize(
                                upcast(NoteAdded.class, note).getData()))
                        .text())
                .isNull();
        assertThat(json(upcast(CaseClosed.class, closed))).doesNotContain("Hittade");
        assertThat(json(upcast(FollowUpScheduled.class, scheduled))).doesNotContain("lönespecen");
        assertThat(json(upcast(FollowUpDue.class, due))).doesNotContain("lönespecen");
        assertThat(upcast(FollowUpDue.class, due).getType().getRevision()).isEqualTo("2");
    }

    /**
     * Revision 2 of {@code SmsRequested} and {@code SmsReceived} as first written (commit c476245): masks gone, the
     * text still a plaintext string. Wrapping the text later kept the revision number, so such an event must not be
     * read as if its text were a token.
     */
    @Test
    void revision2OfSmsWithThePlaintextItFirstHadLosesTheText() {
        String requested = """
                {"caseId": "c-1", "messageId": "m-1", "text": "Hej Tolvan", "encoding": "GSM7", "length": 10,
                 "segments": 1, "to": {"token": "pd1.phone"}}""";
        String received = """
                {"caseId": "c-1", "messageSid": "SM1", "from": {"token": "pd1.phone"}, "body": "Tack",
                 "openCasesForSender": 1}""";

        IntermediateEventRepresentation upcastRequested = upcast(SmsRequested.class, requested, "2");
        IntermediateEventRepresentation upcastReceived = upcast(SmsReceived.class, received, "2");

        assertThat(json(upcastRequested)).doesNotContain("Hej Tolvan");
        assertThat(json(upcastReceived)).doesNotContain("Tack");
        SmsRequested request = serializer.deserialize(upcastRequested.getData());
        assertThat(request.text()).isNull();
        assertThat(request.to().token()).isEqualTo("pd1.phone");
        assertThat(((SmsReceived) serializer.deserialize(upcastReceived.getData())).body())
                .isNull();
    }

    @Test
    void revision2PassesUnchanged() {
        String stored = """
                {"caseId": "c-1", "messageId": "m-1", "encoding": "GSM7", "length": 3, "segments": 1,
                 "to": {"token": "pd1.phone"}, "text": {"token": "pd1.text"}}""";

        IntermediateEventRepresentation upcast = upcast(SmsRequested.class, stored, "2");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(json(upcast)).contains("pd1.phone", "pd1.text");
    }

    private IntermediateEventRepresentation upcast(Class<?> type, String json) {
        return upcast(type, json, "1");
    }

    private IntermediateEventRepresentation upcast(Class<?> type, String json, String revision) {
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(
                json.getBytes(StandardCharsets.UTF_8), byte[].class, type.getName(), revision);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                "Case",
                "c-1",
                0,
                "e-1",
                "2026-11-25T08:00:00Z",
                type.getName(),
                revision,
                payload.getData(),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> result = chain.upcast(
                        Stream.of(new InitialEventRepresentation(entry, serializer)))
                .toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private static String json(IntermediateEventRepresentation representation) {
        return representation.getData(JsonNode.class).getData().toString();
    }
}
