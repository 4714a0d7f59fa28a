package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.AcceptOffer;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseBidding;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.MarkCreditCheckUnknown;
import se.caseflow.domain.api.MarkDebtLetterReminderDue;
import se.caseflow.domain.api.MarkFollowUpDue;
import se.caseflow.domain.api.MarkSmsRead;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.PlaceBid;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ReceiveSms;
import se.caseflow.domain.api.RecordCreditCheckFailure;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.RecordDebtLetterSigned;
import se.caseflow.domain.api.RecordPayout;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.RecordSmsStatus;
import se.caseflow.domain.api.RejectIdentity;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.ReviseBid;
import se.caseflow.domain.api.ScheduleFollowUp;
import se.caseflow.domain.api.SendDebtLetter;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SkipCreditCheck;
import se.caseflow.domain.api.SmsDeliveryStatusChanged;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendFailed;
import se.caseflow.domain.api.SmsSendStarted;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.api.WithdrawBid;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.domain.idempotency.SubjectCases;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * One loan application. Holds only what its rules need; everything else lives in the events. The revision
 * names the shape of its snapshots: a snapshot of another revision (taken before the bidding state existed, or
 * while the applicant's phone still carried a mask) is skipped and the case is rebuilt from its events.
 */
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger")
@Revision("3")
class Case {

    @AggregateIdentifier
    private String caseId;

    private CaseStatus status;
    private int notes;
    private final Set<Party> parties = EnumSet.noneOf(Party.class);
    private final Map<Party, Boolean> identityVerified = new EnumMap<>(Party.class);
    private final Map<Party, CreditCheckState> creditChecks = new EnumMap<>(Party.class);
    /** The applicant's subject and wrapped mobile number: where SMS go, and how replies are wrapped. */
    private String applicantSubject;

    private ProtectedValue applicantPhone;
    private final CaseSms sms = new CaseSms();
    private final CaseBidding bidding = new CaseBidding();
    private final CaseFollowUps followUps = new CaseFollowUps();

    Case() {
        // Axon creates an empty aggregate, then replays its events
    }

    /**
     * Opening never loads anything: a second OpenCase for an existing id fails when its first event
     * collides with the stored one (unique aggregate id and sequence), and the gate reports that.
     */
    @CommandHandler
    Case(OpenCase command, ApplicantProtector protector, SubjectCases subjectCases) {
        ProtectedApplicant applicant = protector.protect(command.applicant());
        ProtectedApplicant coApplicant =
                command.coApplicant() == null ? null : protector.protect(command.coApplicant());
        subjectCases.record(command.caseId(), applicant.subject());
        if (coApplicant != null) {
            subjectCases.record(command.caseId(), coApplicant.subject());
        }
        apply(new CaseOpened(command.caseId(), applicant, coApplicant, command.loan(), command.income()));
    }

    @CommandHandler
    void handle(AddNote command, PersonalDataVault vault) {
        requireOpen("add a note to");
        apply(new NoteAdded(caseId, notes + 1, PersonalText.wrap(vault, applicantSubject, command.text())));
    }

    @CommandHandler
    void handle(CloseCase command, PersonalDataVault vault) {
        requireOpen("close");
        apply(new CaseClosed(caseId, command.reason(), PersonalText.wrap(vault, applicantSubject, command.comment())));
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
        parties.add(Party.APPLICANT);
        if (event.coApplicant() != null) {
            parties.add(Party.CO_APPLICANT);
        }
        applicantSubject = event.applicant().subject();
        applicantPhone = event.applicant().mobilePhone();
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        notes = event.noteNumber();
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        status = CaseStatus.CLOSED;
        bidding.on(event);
    }

    // ---- identity check and UC credit report: one reservation per party, ever ----

    @CommandHandler
    void handle(ConfirmIdentity command) {
        requireIdentityUndecided(command.party());
        apply(new IdentityVerified(caseId, command.party(), command.personalNumber()));
    }

    @CommandHandler
    void handle(RejectIdentity command) {
        requireIdentityUndecided(command.party());
        apply(new IdentityRejected(caseId, command.party(), command.reason(), command.detail()));
    }

    @CommandHandler
    void handle(ReserveCreditCheck command) {
        requireOpen("reserve a credit check on");
        Party party = requireParty(command.party());
        if (creditChecks.containsKey(party)) {
            throw new CaseRuleViolation(
                    "credit-check-already-reserved",
                    "The credit check of the " + party + " of case " + caseId + " was already "
                            + creditChecks.get(party).name().toLowerCase() + ": UC is never asked twice");
        }
        if (!Boolean.TRUE.equals(identityVerified.get(party))) {
            throw new CaseRuleViolation(
                    "identity-not-verified",
                    "The identity of the " + party + " of case " + caseId + " is not verified");
        }
        apply(new CreditCheckReserved(caseId, party));
    }

    @CommandHandler
    void handle(RecordCreditReport command) {
        requireAwaitingAnswer(command.party());
        apply(new CreditReportReceived(caseId, command.party(), command.report()));
    }

    @CommandHandler
    void handle(RecordCreditCheckFailure command) {
        requireAwaitingAnswer(command.party());
        apply(new CreditCheckFailed(caseId, command.party(), command.reason()));
    }

    @CommandHandler
    void handle(MarkCreditCheckUnknown command) {
        Party party = requireParty(command.party());
        if (creditChecks.get(party) != CreditCheckState.RESERVED) {
            throw new CaseRuleViolation(
                    "credit-check-not-pending",
                    "The credit check of the " + party + " of case " + caseId + " is " + stateName(party)
                            + ", not waiting for UC");
        }
        apply(new CreditCheckOutcomeUnknown(caseId, party, command.reason()));
    }

    @CommandHandler
    void handle(SkipCreditCheck command) {
        Party party = requireParty(command.party());
        if (creditChecks.containsKey(party)) {
            throw new CaseRuleViolation(
                    "credit-check-already-reserved",
                    "The credit check of the " + party + " of case " + caseId + " is already " + stateName(party));
        }
        apply(new CreditCheckSkipped(caseId, party, command.reason(), command.detail()));
    }

    private Party requireParty(Party party) {
        if (!parties.contains(party)) {
            throw new CaseRuleViolation("no-such-party", "Case " + caseId + " has no " + party);
        }
        return party;
    }

    private void requireIdentityUndecided(Party party) {
        requireOpen("record an identity check on");
        requireParty(party);
        if (identityVerified.containsKey(party)) {
            throw new CaseRuleViolation(
                    "identity-already-checked", "The identity of the " + party + " of case " + caseId + " was checked");
        }
    }

    /** A late answer may still resolve an unknown outcome; anything concluded stays as it is. */
    private void requireAwaitingAnswer(Party party) {
        requireParty(party);
        CreditCheckState state = creditChecks.get(party);
        if (state != CreditCheckState.RESERVED && state != CreditCheckState.UNKNOWN) {
            throw new CaseRuleViolation(
                    "credit-check-not-pending",
                    "The credit check of the " + party + " of case " + caseId + " is " + stateName(party));
        }
    }

    private String stateName(Party party) {
        CreditCheckState state = creditChecks.get(party);
        return state == null ? "not reserved" : state.name().toLowerCase();
    }

    @EventSourcingHandler
    void on(IdentityVerified event) {
        identityVerified.put(event.party(), true);
    }

    @EventSourcingHandler
    void on(IdentityRejected event) {
        identityVerified.put(event.party(), false);
    }

    @EventSourcingHandler
    void on(CreditCheckReserved event) {
        creditChecks.put(event.party(), CreditCheckState.RESERVED);
    }

    @EventSourcingHandler
    void on(CreditReportReceived event) {
        creditChecks.put(event.party(), CreditCheckState.RECEIVED);
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(CreditCheckFailed event) {
        creditChecks.put(event.party(), CreditCheckState.FAILED);
    }

    @EventSourcingHandler
    void on(CreditCheckOutcomeUnknown event) {
        creditChecks.put(event.party(), CreditCheckState.UNKNOWN);
    }

    @EventSourcingHandler
    void on(CreditCheckSkipped event) {
        creditChecks.put(event.party(), CreditCheckState.SKIPPED);
    }

    enum CreditCheckState {
        RESERVED,
        RECEIVED,
        FAILED,
        UNKNOWN,
        SKIPPED
    }

    // ---- SMS: the rules live in CaseSms; these handlers only route to it ----

    @CommandHandler
    void handle(SendSms command, PersonalDataVault vault) {
        requireOpen("send an SMS on");
        apply(sms.request(caseId, command, applicantPhone, text -> PersonalText.wrap(vault, applicantSubject, text)));
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
        if (vault.isErased(applicantSubject)) {
            throw new CaseRuleViolation(
                    "applicant-erased", "Case " + caseId + " takes no SMS: its applicant was erased");
        }
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

    // ---- bidding, the offer and the debt letter: the rules live in CaseBidding ----

    @CommandHandler
    void handle(
            OpenBidding command,
            PartnerDirectory partners,
            BiddingPolicy policy,
            Clock clock,
            DeadlineManager deadlines) {
        bidding.open(caseId, partners, policy, clock.instant(), deadlines).forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    void handle(PlaceBid command, Clock clock) {
        apply(bidding.place(caseId, command, clock.instant()));
    }

    @CommandHandler
    void handle(ReviseBid command, Clock clock) {
        apply(bidding.revise(caseId, command, clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawBid command, Clock clock) {
        apply(bidding.withdraw(caseId, command, clock.instant()));
    }

    @CommandHandler
    void handle(AcceptOffer command, Clock clock) {
        apply(bidding.accept(caseId, command, clock.instant()));
    }

    @CommandHandler
    void handle(SendDebtLetter command, BiddingPolicy policy, Clock clock, DeadlineManager deadlines) {
        apply(bidding.sendLetter(caseId, policy, clock.instant(), deadlines));
    }

    @CommandHandler
    void handle(RecordDebtLetterSigned command, DeadlineManager deadlines) {
        apply(bidding.signed(caseId, deadlines));
    }

    @CommandHandler
    void handle(RecordPayout command) {
        bidding.payout(caseId, command).forEach(AggregateLifecycle::apply);
    }

    /** Sent when the window's deadline fires ({@link CaseDeadlines}); a window closed before closes nothing. */
    @CommandHandler
    void handle(CloseBidding command) {
        bidding.close(caseId).ifPresent(AggregateLifecycle::apply);
    }

    /** Sent when a reminder's deadline fires ({@link CaseDeadlines}); schedules the next reminder, if any. */
    @CommandHandler
    void handle(MarkDebtLetterReminderDue command, BiddingPolicy policy, Clock clock, DeadlineManager deadlines) {
        bidding.remind(caseId, command.reminder(), policy, clock.instant(), deadlines)
                .ifPresent(AggregateLifecycle::apply);
    }

    @EventSourcingHandler
    void on(BiddingOpened event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(BidPlaced event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(BidRevised event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(BidWithdrawn event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(BiddingClosed event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(DebtLetterSent event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(DebtLetterReminderDue event) {
        bidding.on(event);
    }

    @EventSourcingHandler
    void on(DebtLetterSigned event) {
        bidding.on(event);
    }

    // ---- follow-ups: the rules live in CaseFollowUps; one persistent deadline per follow-up ----

    @CommandHandler
    void handle(ScheduleFollowUp command, Clock clock, DeadlineManager deadlines, PersonalDataVault vault) {
        requireOpen("schedule a follow-up on");
        FollowUpScheduled scheduled =
                followUps.schedule(caseId, command, clock, PersonalText.wrap(vault, applicantSubject, command.note()));
        apply(scheduled);
        deadlines.schedule(
                Instant.parse(scheduled.dueAt()),
                CaseFollowUps.DEADLINE,
                CaseFollowUps.deadlineId(caseId, command.followUpId()));
    }

    /**
     * Sent when the follow-up's deadline fires ({@link CaseDeadlines}), once per firing: a follow-up already due, or
     * one on a closed case, records nothing.
     */
    @CommandHandler
    void handle(MarkFollowUpDue command) {
        if (status != CaseStatus.CLOSED) {
            followUps.due(caseId, command.followUpId()).ifPresent(AggregateLifecycle::apply);
        }
    }

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        followUps.on(event);
    }

    @EventSourcingHandler
    void on(FollowUpDue event) {
        followUps.on(event);
    }
}
