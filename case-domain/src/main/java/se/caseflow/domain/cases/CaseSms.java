package se.caseflow.domain.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonBackReference;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.MarkSmsRead;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.ReceiveSms;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.RecordSmsStatus;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsDeliveryStatus;
import se.caseflow.domain.api.SmsDeliveryStatusChanged;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsReceived;
import se.caseflow.domain.api.SmsRepliesRead;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendFailed;
import se.caseflow.domain.api.SmsSendStarted;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.sms.SmsLength;
import se.caseflow.domain.validation.MobilePhoneNumber;

/**
 * The SMS rules of one case: each message moves REQUESTED -> STARTED -> SENT / FAILED / UNKNOWN exactly
 * once; delivery reports move only forward by rank; each inbound MessageSid is recorded once. A part of the
 * {@link Case} aggregate: every SMS goes to the applicant's number, and its text is wrapped under their key.
 */
class CaseSms {

    enum Phase {
        REQUESTED,
        STARTED,
        SENT,
        FAILED,
        UNKNOWN
    }

    record Message(Phase phase, String messageSid, SmsDeliveryStatus delivery) {

        Message in(Phase next) {
            return new Message(next, messageSid, delivery);
        }
    }

    @JsonBackReference
    private Case owner;

    /** The applicant's wrapped mobile number: where every SMS of the case goes. */
    private ProtectedValue applicantPhone;

    private final Map<String, Message> messages = new HashMap<>();
    private final Set<String> receivedSids = new HashSet<>();
    private int unreadReplies;

    /** For a snapshot; the case links itself back in. */
    CaseSms() {}

    CaseSms(Case owner) {
        this.owner = owner;
    }

    @CommandHandler
    void handle(SendSms command, PersonalDataVault vault) {
        String caseId = owner.id();
        owner.requireOpen("send an SMS on");
        if (messages.containsKey(command.messageId())) {
            throw new CaseRuleViolation(
                    "sms-exists", "Case " + caseId + " already has an SMS with id " + command.messageId());
        }
        if ((command.templateId() == null) == (command.text() == null)) {
            throw new CaseRuleViolation("sms-text", "Give either a template or a text, not both or neither");
        }
        String text = command.templateId() != null ? command.templateId().text() : command.text();
        SmsLength length = SmsLength.of(text);
        apply(new SmsRequested(
                caseId,
                command.messageId(),
                command.templateId(),
                owner.wrapText(vault, text),
                length.encoding(),
                length.length(),
                length.segments(),
                command.sendAt() == null ? null : instant(command.sendAt()).toString(),
                applicantPhone));
    }

    @CommandHandler
    void handle(StartSmsSend command) {
        owner.requireOpen("send an SMS on");
        Message message = existing(command.messageId());
        if (message.phase() != Phase.REQUESTED) {
            throw new CaseRuleViolation(
                    "sms-send-started",
                    "SMS " + command.messageId() + " was handed to the sender before (" + message.phase() + ")");
        }
        apply(new SmsSendStarted(owner.id(), command.messageId()));
    }

    /** The same outcome twice (the same MessageSid) is recorded once. */
    @CommandHandler
    void handle(RecordSmsSent command) {
        Message message = existing(command.messageId());
        if (message.phase() == Phase.SENT && command.messageSid().equals(message.messageSid())) {
            return;
        }
        if (message.phase() != Phase.STARTED) {
            throw outcomeKnown(command.messageId(), message);
        }
        apply(new SmsSent(owner.id(), command.messageId(), command.messageSid(), command.status()));
    }

    @CommandHandler
    void handle(RecordSmsSendFailed command) {
        Message message = existing(command.messageId());
        if (message.phase() != Phase.REQUESTED && message.phase() != Phase.STARTED) {
            throw outcomeKnown(command.messageId(), message);
        }
        apply(new SmsSendFailed(owner.id(), command.messageId(), command.errorCode(), command.errorMessage()));
    }

    @CommandHandler
    void handle(RecordSmsOutcomeUnknown command) {
        Message message = existing(command.messageId());
        if (message.phase() != Phase.STARTED) {
            throw outcomeKnown(command.messageId(), message);
        }
        apply(new SmsOutcomeUnknown(owner.id(), command.messageId(), command.reason()));
    }

    @CommandHandler
    void handle(RecordSmsStatus command) {
        Message message = existing(command.messageId());
        if (message.messageSid() != null && !message.messageSid().equals(command.messageSid())) {
            throw new CaseRuleViolation(
                    "sms-sid-mismatch",
                    "SMS " + command.messageId() + " has another MessageSid than " + command.messageSid());
        }
        apply(new SmsDeliveryStatusChanged(
                owner.id(),
                command.messageId(),
                command.messageSid(),
                command.status(),
                command.errorCode(),
                SmsDeliveryStatus.next(message.delivery(), command.status())));
    }

    /** A reply, recorded once per MessageSid; never on a closed case or for an erased applicant. */
    @CommandHandler
    void handle(ReceiveSms command, PersonalDataVault vault) {
        String caseId = owner.id();
        String subject = owner.applicantSubject();
        owner.requireOpen("receive an SMS on");
        if (vault.isErased(subject)) {
            throw new CaseRuleViolation(
                    "applicant-erased", "Case " + caseId + " takes no SMS: its applicant was erased");
        }
        if (receivedSids.contains(command.messageSid())) {
            return;
        }
        String from = MobilePhoneNumber.normaliseE164(command.from());
        apply(new SmsReceived(
                caseId,
                command.messageSid(),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.PHONE_NUMBER, from)),
                owner.wrapText(vault, command.body()),
                command.openCasesForSender()));
    }

    @CommandHandler
    void handle(MarkSmsRead command) {
        if (unreadReplies > 0) {
            apply(new SmsRepliesRead(owner.id(), unreadReplies));
        }
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        applicantPhone = event.applicant().mobilePhone();
    }

    @EventSourcingHandler
    void on(SmsRequested event) {
        messages.put(event.messageId(), new Message(Phase.REQUESTED, null, null));
    }

    @EventSourcingHandler
    void on(SmsSendStarted event) {
        messages.computeIfPresent(event.messageId(), (id, m) -> m.in(Phase.STARTED));
    }

    @EventSourcingHandler
    void on(SmsSent event) {
        messages.computeIfPresent(
                event.messageId(), (id, m) -> new Message(Phase.SENT, event.messageSid(), m.delivery()));
    }

    @EventSourcingHandler
    void on(SmsSendFailed event) {
        messages.computeIfPresent(event.messageId(), (id, m) -> m.in(Phase.FAILED));
    }

    @EventSourcingHandler
    void on(SmsOutcomeUnknown event) {
        messages.computeIfPresent(event.messageId(), (id, m) -> m.in(Phase.UNKNOWN));
    }

    @EventSourcingHandler
    void on(SmsDeliveryStatusChanged event) {
        messages.computeIfPresent(
                event.messageId(),
                (id, m) -> new Message(
                        m.phase(), m.messageSid() == null ? event.messageSid() : m.messageSid(), event.state()));
    }

    @EventSourcingHandler
    void on(SmsReceived event) {
        receivedSids.add(event.messageSid());
        unreadReplies++;
    }

    @EventSourcingHandler
    void on(SmsRepliesRead event) {
        unreadReplies = 0;
    }

    private Message existing(String messageId) {
        Message message = messages.get(messageId);
        if (message == null) {
            throw new CaseRuleViolation("sms-not-found", "Case " + owner.id() + " has no SMS with id " + messageId);
        }
        return message;
    }

    private static CaseRuleViolation outcomeKnown(String messageId, Message message) {
        return new CaseRuleViolation(
                "sms-outcome-recorded", "SMS " + messageId + " is " + message.phase() + "; its outcome stands");
    }

    private static Instant instant(String dateTime) {
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException e) {
            throw new CaseRuleViolation("sms-send-at", "sendAt is not an ISO-8601 date-time with an offset");
        }
    }
}
