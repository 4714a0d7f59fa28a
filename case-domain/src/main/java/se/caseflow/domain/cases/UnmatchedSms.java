package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.RecordUnmatchedSms;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.personal.Masks;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.validation.MobilePhoneNumber;

/**
 * One inbound SMS that no open case could take. Its id is derived from the MessageSid, so the same
 * message twice collides with the first and is recorded once. The sender is kept as mask and blind
 * index only: there is no person (subject key) to wrap it under.
 */
@Aggregate
class UnmatchedSms {

    @AggregateIdentifier
    private String caseId;

    UnmatchedSms() {
        // Axon creates an empty aggregate, then replays its events
    }

    @CommandHandler
    UnmatchedSms(RecordUnmatchedSms command, PersonalDataVault vault) {
        if (!command.caseId().equals(RecordUnmatchedSms.idFor(command.messageSid()))) {
            throw new CaseRuleViolation(
                    "unmatched-sms-id", "The id of an unmatched SMS must be RecordUnmatchedSms.idFor(messageSid)");
        }
        String from = MobilePhoneNumber.normaliseE164(command.from());
        apply(new UnmatchedSmsReceived(
                command.caseId(),
                command.messageSid(),
                Masks.phone(from),
                vault.blindIndex(PersonalDataKind.PHONE_NUMBER, from),
                command.body()));
    }

    @EventSourcingHandler
    void on(UnmatchedSmsReceived event) {
        caseId = event.caseId();
    }
}
