package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.MarkSmsRead;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ReceiveSms;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.RecordSmsStatus;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsDeliveryStatusChanged;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendFailed;
import se.caseflow.domain.api.SmsSendStarted;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.personal.PersonalDataVault;

/** One loan application. Holds only what its rules need; everything else lives in the events. */
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger")
class Case {

    @AggregateIdentifier
    private String caseId;

    private CaseStatus status;
    private int notes;
    /** The applicant's subject and wrapped mobile number: where SMS go, and how replies are wrapped. */
    private String applicantSubject;

    private ProtectedValue applicantPhone;
    private final CaseSms sms = new CaseSms();

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
        applicantSubject = event.applicant().subject();
        applicantPhone = event.applicant().mobilePhone();
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        notes = event.noteNumber();
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        status = CaseStatus.CLOSED;
    }

    // ---- SMS (issue #5): the rules live in CaseSms; these handlers only route to it ----

    @CommandHandler
    void handle(SendSms command) {
        requireOpen("send an SMS on");
        apply(sms.request(caseId, command, applicantPhone));
    }

    @CommandHandler
    void handle(StartSmsSend command) {
        requireOpen("send an SMS on");
        apply(sms.start(caseId, command));
    }

    @CommandHandler
    void handle(RecordSmsSent command) {
        sms.sent(caseId, command).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(RecordSmsSendFailed command) {
        apply(sms.failed(caseId, command));
    }

    @CommandHandler
    void handle(RecordSmsOutcomeUnknown command) {
        apply(sms.unknown(caseId, command));
    }

    @CommandHandler
    void handle(RecordSmsStatus command) {
        apply(sms.status(caseId, command));
    }

    @CommandHandler
    void handle(ReceiveSms command, PersonalDataVault vault) {
        requireOpen("receive an SMS on");
        sms.receive(caseId, command, applicantSubject, vault).ifPresent(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(MarkSmsRead command) {
        sms.markRead(caseId).ifPresent(AggregateLifecycle::apply);
    }

    @EventSourcingHandler
    void on(SmsRequested event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsSendStarted event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsSent event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsSendFailed event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsOutcomeUnknown event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsDeliveryStatusChanged event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsReceived event) {
        sms.on(event);
    }

    @EventSourcingHandler
    void on(SmsRepliesRead event) {
        sms.on(event);
    }
}
