package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonBackReference;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.MarkCreditCheckUnknown;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.RecordCreditCheckFailure;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.RejectIdentity;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.SkipCreditCheck;

/**
 * The identity check and the UC credit report of each party of a case: an identity is decided once; a credit
 * check is reserved once per party, ever, and only on a verified identity, so UC is never asked twice; a late
 * answer may still resolve an unknown outcome, anything concluded stays as it is. Owns the reports received, which
 * the bidding asks for. A part of the {@link Case} aggregate.
 */
class CaseCreditChecks {

    enum State {
        RESERVED,
        RECEIVED,
        FAILED,
        UNKNOWN,
        SKIPPED
    }

    @JsonBackReference
    private Case owner;

    private final Map<Party, Boolean> identityVerified = new EnumMap<>(Party.class);
    private final Map<Party, State> checks = new EnumMap<>(Party.class);
    private final Map<Party, CreditReport> reports = new EnumMap<>(Party.class);

    /** For a snapshot; the case links itself back in. */
    CaseCreditChecks() {}

    CaseCreditChecks(Case owner) {
        this.owner = owner;
    }

    @CommandHandler
    void handle(ConfirmIdentity command) {
        requireIdentityUndecided(command.party());
        apply(new IdentityVerified(owner.id(), command.party(), command.personalNumber()));
    }

    @CommandHandler
    void handle(RejectIdentity command) {
        requireIdentityUndecided(command.party());
        apply(new IdentityRejected(owner.id(), command.party(), command.reason(), command.detail()));
    }

    @CommandHandler
    void handle(ReserveCreditCheck command) {
        owner.requireOpen("reserve a credit check on");
        Party party = owner.requireParty(command.party());
        if (checks.containsKey(party)) {
            throw new CaseRuleViolation(
                    "credit-check-already-reserved",
                    "The credit check of the " + party + " of case " + owner.id() + " was already "
                            + checks.get(party).name().toLowerCase() + ": UC is never asked twice");
        }
        if (!Boolean.TRUE.equals(identityVerified.get(party))) {
            throw new CaseRuleViolation(
                    "identity-not-verified",
                    "The identity of the " + party + " of case " + owner.id() + " is not verified");
        }
        apply(new CreditCheckReserved(owner.id(), party));
    }

    @CommandHandler
    void handle(RecordCreditReport command) {
        requireAwaitingAnswer(command.party());
        apply(new CreditReportReceived(owner.id(), command.party(), command.report()));
    }

    @CommandHandler
    void handle(RecordCreditCheckFailure command) {
        requireAwaitingAnswer(command.party());
        apply(new CreditCheckFailed(owner.id(), command.party(), command.reason()));
    }

    @CommandHandler
    void handle(MarkCreditCheckUnknown command) {
        Party party = owner.requireParty(command.party());
        if (checks.get(party) != State.RESERVED) {
            throw new CaseRuleViolation(
                    "credit-check-not-pending",
                    "The credit check of the " + party + " of case " + owner.id() + " is " + stateName(party)
                            + ", not waiting for UC");
        }
        apply(new CreditCheckOutcomeUnknown(owner.id(), party, command.reason()));
    }

    @CommandHandler
    void handle(SkipCreditCheck command) {
        Party party = owner.requireParty(command.party());
        if (checks.containsKey(party)) {
            throw new CaseRuleViolation(
                    "credit-check-already-reserved",
                    "The credit check of the " + party + " of case " + owner.id() + " is already " + stateName(party));
        }
        apply(new CreditCheckSkipped(owner.id(), party, command.reason(), command.detail()));
    }

    /** The reports received so far, by party. */
    Map<Party, CreditReport> reports() {
        return Collections.unmodifiableMap(reports);
    }

    private void requireIdentityUndecided(Party party) {
        owner.requireOpen("record an identity check on");
        owner.requireParty(party);
        if (identityVerified.containsKey(party)) {
            throw new CaseRuleViolation(
                    "identity-already-checked",
                    "The identity of the " + party + " of case " + owner.id() + " was checked");
        }
    }

    /** A late answer may still resolve an unknown outcome; anything concluded stays as it is. */
    private void requireAwaitingAnswer(Party party) {
        owner.requireParty(party);
        State state = checks.get(party);
        if (state != State.RESERVED && state != State.UNKNOWN) {
            throw new CaseRuleViolation(
                    "credit-check-not-pending",
                    "The credit check of the " + party + " of case " + owner.id() + " is " + stateName(party));
        }
    }

    private String stateName(Party party) {
        State state = checks.get(party);
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
        checks.put(event.party(), State.RESERVED);
    }

    @EventSourcingHandler
    void on(CreditReportReceived event) {
        checks.put(event.party(), State.RECEIVED);
        reports.put(event.party(), event.report());
    }

    @EventSourcingHandler
    void on(CreditCheckFailed event) {
        checks.put(event.party(), State.FAILED);
    }

    @EventSourcingHandler
    void on(CreditCheckOutcomeUnknown event) {
        checks.put(event.party(), State.UNKNOWN);
    }

    @EventSourcingHandler
    void on(CreditCheckSkipped event) {
        checks.put(event.party(), State.SKIPPED);
    }
}
