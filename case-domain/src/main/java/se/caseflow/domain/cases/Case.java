package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonManagedReference;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.idempotency.SubjectCases;
import se.caseflow.domain.personal.ApplicantProtector;
import se.caseflow.domain.personal.PersonalDataVault;

/**
 * One loan application. The root holds what every part asks about (the case's id, whether it is closed, its
 * parties, the applicant's subject key) and the case's own rules (opening, notes, closing); each part of the case
 * holds its own rules and state in an {@link AggregateMember} entity, where Axon sends that part's commands and every
 * event: the identity and credit checks ({@link CaseCreditChecks}), the bidding ({@link CaseBidding}), the debt letter
 * ({@link CaseDebtLetter}), the SMS ({@link CaseSms}) and the follow-ups ({@link CaseFollowUps}). The parts exist from
 * the start, so a command for one always finds it, and ask the root (or, through it, another part) rather than keep
 * a copy.
 *
 * <p>The revision names the shape of its snapshots: a snapshot of another revision (taken before the parts were
 * entities, before the bidding state existed, or while the applicant's phone still carried a mask) is skipped and the
 * case is rebuilt from its events. A snapshot holds each part; its link back to the case is restored on load.
 */
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger")
@Revision("4")
class Case {

    @AggregateIdentifier
    private String caseId;

    private CaseStatus status;
    private int notes;
    private final Set<Party> parties = EnumSet.noneOf(Party.class);
    /** The applicant's subject: free text on the case (notes, SMS, follow-ups) is wrapped under it. */
    private String applicantSubject;

    @AggregateMember
    @JsonManagedReference
    private final CaseCreditChecks creditChecks = new CaseCreditChecks(this);

    @AggregateMember
    @JsonManagedReference
    private final CaseBidding bidding = new CaseBidding(this);

    @AggregateMember
    @JsonManagedReference
    private final CaseDebtLetter debtLetter = new CaseDebtLetter(this);

    @AggregateMember
    @JsonManagedReference
    private final CaseSms sms = new CaseSms(this);

    @AggregateMember
    @JsonManagedReference
    private final CaseFollowUps followUps = new CaseFollowUps(this);

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
        apply(new NoteAdded(caseId, notes + 1, wrapText(vault, command.text())));
    }

    @CommandHandler
    void handle(CloseCase command, PersonalDataVault vault) {
        requireOpen("close");
        apply(new CaseClosed(caseId, command.reason(), wrapText(vault, command.comment())));
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
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        notes = event.noteNumber();
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        status = CaseStatus.CLOSED;
    }

    // ---- what the parts ask the case ----

    String id() {
        return caseId;
    }

    boolean closed() {
        return status == CaseStatus.CLOSED;
    }

    /** Refuses {@code action} ("send an SMS on") on a closed case. */
    void requireOpen(String action) {
        if (closed()) {
            throw new CaseRuleViolation("case-closed", "Cannot " + action + " case " + caseId + ": it is closed");
        }
    }

    Set<Party> parties() {
        return Collections.unmodifiableSet(parties);
    }

    Party requireParty(Party party) {
        if (!parties.contains(party)) {
            throw new CaseRuleViolation("no-such-party", "Case " + caseId + " has no " + party);
        }
        return party;
    }

    String applicantSubject() {
        return applicantSubject;
    }

    /** Free text wrapped under the applicant's subject key, or null for no text. */
    ProtectedValue wrapText(PersonalDataVault vault, String text) {
        return PersonalText.wrap(vault, applicantSubject, text);
    }

    /** The credit reports received so far, by party (the credit checks own them). */
    Map<Party, CreditReport> creditReports() {
        return creditChecks.reports();
    }

    /** The partner whose offer was accepted, or null (the bidding owns it). */
    String acceptedPartner() {
        return bidding.acceptedPartner();
    }
}
