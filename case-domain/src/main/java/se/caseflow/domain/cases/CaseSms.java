package se.caseflow.domain.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import se.caseflow.domain.api.CaseRuleViolation;
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
 * once; delivery reports move only forward by rank; each inbound MessageSid is recorded once. Part of the
 * {@link Case} aggregate's state (and its snapshots).
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

    private final Map<String, Message> messages = new HashMap<>();
    private final Set<String> receivedSids = new HashSet<>();
    private int unreadReplies;

    /** {@code wrap} wraps the final text under the applicant's subject key. */
    SmsRequested request(String caseId, SendSms command, ProtectedValue to, Function<String, ProtectedValue> wrap) {
        if (messages.containsKey(command.messageId())) {
            throw new CaseRuleViolation(
                    "sms-exists", "Case " + caseId + " already has an SMS with id " + command.messageId());
        }
        if ((command.templateId() == null) == (command.text() == null)) {
            throw new CaseRuleViolation("sms-text", "Give either a template or a text, not both or neither");
        }
        String text = command.templateId() != null ? command.templateId().text() : command.text();
        SmsLength length = SmsLength.of(text);
        return new SmsRequested(
                caseId,
                command.messageId(),
                command.templateId(),
                wrap.apply(text),
                length.encoding(),
                length.length(),
                length.segments(),
                command.sendAt() == null ? null : instant(command.sendAt()).toString(),
                to);
    }

    SmsSendStarted start(String caseId, StartSmsSend command) {
        Message message = existing(caseId, command.messageId());
        if (message.phase() != Phase.REQUESTED) {
            throw new CaseRuleViolation(
                    "sms-send-started",
                    "SMS " + command.messageId() + " was handed to the sender before (" + message.phase() + ")");
        }
        return new SmsSendStarted(caseId, command.messageId());
    }

    Optional<SmsSent> sent(String caseId, RecordSmsSent command) {
        Message message = existing(caseId, command.messageId());
        if (message.phase() == Phase.SENT && command.messageSid().equals(message.messageSid())) {
            return Optional.empty();
        }
        if (message.phase() != Phase.STARTED) {
            throw outcomeKnown(command.messageId(), message);
        }
        return Optional.of(new SmsSent(caseId, command.messageId(), command.messageSid(), command.status()));
    }

    SmsSendFailed failed(String caseId, RecordSmsSendFailed command) {
        Message message = existing(caseId, command.messageId());
        if (message.phase() != Phase.REQUESTED && message.phase() != Phase.STARTED) {
            throw outcomeKnown(command.messageId(), message);
        }
        return new SmsSendFailed(caseId, command.messageId(), command.errorCode(), command.errorMessage());
    }

    SmsOutcomeUnknown unknown(String caseId, RecordSmsOutcomeUnknown command) {
        Message message = existing(caseId, command.messageId());
        if (message.phase() != Phase.STARTED) {
            throw outcomeKnown(command.messageId(), message);
        }
        return new SmsOutcomeUnknown(caseId, command.messageId(), command.reason());
    }

    SmsDeliveryStatusChanged status(String caseId, RecordSmsStatus command) {
        Message message = existing(caseId, command.messageId());
        if (message.messageSid() != null && !message.messageSid().equals(command.messageSid())) {
            throw new CaseRuleViolation(
                    "sms-sid-mismatch",
                    "SMS " + command.messageId() + " has another MessageSid than " + command.messageSid());
        }
        return new SmsDeliveryStatusChanged(
                caseId,
                command.messageId(),
                command.messageSid(),
                command.status(),
                command.errorCode(),
                SmsDeliveryStatus.next(message.delivery(), command.status()));
    }

    Optional<SmsReceived> receive(String caseId, ReceiveSms command, String subject, PersonalDataVault vault) {
        if (receivedSids.contains(command.messageSid())) {
            return Optional.empty();
        }
        String from = MobilePhoneNumber.normaliseE164(command.from());
        return Optional.of(new SmsReceived(
                caseId,
                command.messageSid(),
                new ProtectedValue(vault.wrap(subject, PersonalDataKind.PHONE_NUMBER, from)),
                PersonalText.wrap(vault, subject, command.body()),
                command.openCasesForSender()));
    }

    Optional<SmsRepliesRead> markRead(String caseId) {
        return unreadReplies == 0 ? Optional.empty() : Optional.of(new SmsRepliesRead(caseId, unreadReplies));
    }

    void on(SmsRequested event) {
        messages.put(event.messageId(), new Message(Phase.REQUESTED, null, null));
    }

    void on(SmsSendStarted event) {
        messages.computeIfPresent(event.messageId(), (id, m) -> m.in(Phase.STARTED));
    }

    void on(SmsSent event) {
        messages.computeIfPresent(
                event.messageId(), (id, m) -> new Message(Phase.SENT, event.messageSid(), m.delivery()));
    }

    void on(SmsSendFailed event) {
        messages.computeIfPresent(event.messageId(), (id, m) -> m.in(Phase.FAILED));
    }

    void on(SmsOutcomeUnknown event) {
        messages.computeIfPresent(event.messageId(), (id, m) -> m.in(Phase.UNKNOWN));
    }

    void on(SmsDeliveryStatusChanged event) {
        messages.computeIfPresent(
                event.messageId(),
                (id, m) -> new Message(
                        m.phase(), m.messageSid() == null ? event.messageSid() : m.messageSid(), event.state()));
    }

    void on(SmsReceived event) {
        receivedSids.add(event.messageSid());
        unreadReplies++;
    }

    void on(SmsRepliesRead event) {
        unreadReplies = 0;
    }

    private Message existing(String caseId, String messageId) {
        Message message = messages.get(messageId);
        if (message == null) {
            throw new CaseRuleViolation("sms-not-found", "Case " + caseId + " has no SMS with id " + messageId);
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
