package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.personal.ApplicantProtector;

/** One loan application. Holds only what its rules need; everything else lives in the events. */
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger")
class Case {

    @AggregateIdentifier
    private String caseId;

    private CaseStatus status;
    private int notes;

    Case() {
        // Axon creates an empty aggregate, then replays its events
    }

    /**
     * Opening never loads anything: a second OpenCase for an existing id fails when its first event
     * collides with the stored one (unique aggregate id and sequence), and the gate reports that.
     */
    @CommandHandler
    Case(OpenCase command, ApplicantProtector protector) {
        apply(new CaseOpened(
                command.caseId(),
                protector.protect(command.applicant()),
                command.coApplicant() == null ? null : protector.protect(command.coApplicant()),
                command.loan(),
                command.income()));
    }

    @CommandHandler
    void handle(AddNote command) {
        requireOpen("add a note to");
        apply(new NoteAdded(caseId, notes + 1, command.text()));
    }

    @CommandHandler
    void handle(CloseCase command) {
        requireOpen("close");
        apply(new CaseClosed(caseId, command.reason(), command.comment()));
    }

    private void requireOpen(String action) {
        if (status == CaseStatus.CLOSED) {
            throw new CaseRuleViolation("case-closed", "Cannot " + action + " case " + caseId + ": it is closed");
        }
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        caseId = event.caseId();
        status = CaseStatus.OPEN;
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        notes = event.noteNumber();
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        status = CaseStatus.CLOSED;
    }
}
