package se.caseflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.store.ProjectionStore;

/** What the read side's processing group is: its names, the order of its events and the keys a rebuild drops. */
class CaseProjectionsGroupTest {

    static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");

    @Test
    void aCasesEventsAreOneSequenceAndEveryUnmatchedSmsIsAnotherOne() {
        var sequencing = CaseProjectionsGroup.sequencing();

        Object firstNote = sequencing.getSequenceIdentifierFor(event("c-1", 1, new NoteAdded("c-1", 1, null)));
        Object secondNote = sequencing.getSequenceIdentifierFor(event("c-1", 2, new NoteAdded("c-1", 2, null)));
        Object otherCase = sequencing.getSequenceIdentifierFor(event("c-2", 1, new NoteAdded("c-2", 1, null)));
        Object unmatched = sequencing.getSequenceIdentifierFor(event("sms-1", 0, unmatched("sms-1")));
        Object anotherUnmatched = sequencing.getSequenceIdentifierFor(event("sms-2", 0, unmatched("sms-2")));

        assertThat(firstNote).isEqualTo(secondNote).isEqualTo("c-1");
        assertThat(otherCase).isEqualTo("c-2");
        assertThat(unmatched).isEqualTo(anotherUnmatched).isNotIn(firstNote, otherCase);
    }

    @Test
    void theGroupIsTheLiveProcessorAndItsTwinOwningEveryProjectionsKeys() {
        assertThat(CaseProjectionsGroup.NAME).isEqualTo(ProcessingGroups.CASE_PROJECTIONS);
        assertThat(CaseProjectionsGroup.REBUILD_TWIN).isEqualTo(ProcessingGroups.CASE_PROJECTIONS_REBUILD);
        assertThat(CaseProjectionsGroup.OWNED_KEYS)
                .containsAll(CaseProjectionsGroup.CASE_KEYS)
                .containsAll(CaseProjectionsGroup.SMS_KEYS)
                .containsAll(CaseProjectionsGroup.PARTNER_KEYS)
                .doesNotHaveDuplicates()
                .as("the read side's marker lives outside the generations: no rebuild drops it")
                .noneMatch(ProjectionStore.EPOCH_KEY::startsWith);
    }

    private static UnmatchedSmsReceived unmatched(String messageSid) {
        return new UnmatchedSmsReceived(messageSid, messageSid, new ProtectedValue("from"), new ProtectedValue("body"));
    }

    private static EventMessage<?> event(String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(
                "Case", aggregateId, sequence, payload, Map.of(), aggregateId + "#" + sequence, AT);
    }
}
