package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RecordUnmatchedSms;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.validation.MobilePhoneNumber;

/**
 * One inbound SMS that no open case could take. Its id is derived from the MessageSid, so the same
 * message twice collides with the first and is recorded once. There is no person (subject key) to wrap the
 * sender and text under, so they are wrapped under a subject of the message's own (the one it waited under in the SMS
 * inbox, or a random one): no mask, no blind index and no plaintext enter the event, and shredding that subject
 * erases the message. A subject shredded already takes nothing: the command is refused ({@code subject-erased}).
 */
@Aggregate
class UnmatchedSms {

    private static final SecureRandom RANDOM = new SecureRandom();

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
        String subject = command.subject() != null ? command.subject() : messageSubject();
        apply(new UnmatchedSmsReceived(
                command.caseId(),
                command.messageSid(),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.PHONE_NUMBER, from)),
                PersonalText.wrap(vault, subject, command.body())));
    }

    /** Random like a person's subject (it carries no information), but used for this one message only. */
    private static String messageSubject() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return "s_" + HexFormat.of().formatHex(id);
    }

    @EventSourcingHandler
    void on(UnmatchedSmsReceived event) {
        caseId = event.caseId();
    }
}
