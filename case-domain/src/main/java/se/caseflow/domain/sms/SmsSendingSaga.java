package se.caseflow.domain.sms;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.RecordSmsOutcomeUnknown;
import se.caseflow.domain.api.RecordSmsSendFailed;
import se.caseflow.domain.api.RecordSmsSent;
import se.caseflow.domain.api.SmsOutcomeUnknown;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsSendFailed;
import se.caseflow.domain.api.SmsSent;
import se.caseflow.domain.api.StartSmsSend;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * One SMS, from request to outcome. Sends now, or when the deadline {@value #DUE} fires at the requested
 * time (the deadline manager is persistent, so a restart in between loses nothing).
 *
 * <p>At most once: before calling the gateway the saga records {@code SmsSendStarted}, committed on its own
 * ({@link InternalCommands}, keyed by the message id). The case accepts that only once per message, so after a
 * crash between the call and its recorded outcome, the redelivered request finds the send started (the case refuses
 * {@value #SEND_STARTED}, or the key gives the first answer back), does not call again, and records the outcome as
 * unknown for a person to decide. Nothing else means "started before": a failure to record (the database, or other
 * writers winning every race for the case) is thrown on, and the request or deadline is delivered again.
 */
@Saga
@ProcessingGroup(ProcessingGroups.SMS_SENDING)
public class SmsSendingSaga {

    static final String DUE = "sms-due";

    /** The case's refusal of a second start: the only answer that means the send was started before. */
    static final String SEND_STARTED = "sms-send-started";

    private static final String CASE_CLOSED = "case-closed";

    private static final Logger log = LoggerFactory.getLogger(SmsSendingSaga.class);

    private String caseId;
    private String messageId;
    private String to;
    private String text;

    @Autowired
    private transient SmsGateway gateway;

    @Autowired
    private transient InternalCommands commands;

    @Autowired
    private transient DeadlineManager deadlines;

    @StartSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(SmsRequested requested) {
        caseId = requested.caseId();
        messageId = requested.messageId();
        to = requested.to().token();
        text = requested.text().token();
        if (requested.sendAt() == null) {
            send();
        } else {
            deadlines.schedule(java.time.Instant.parse(requested.sendAt()), DUE);
        }
    }

    @DeadlineHandler(deadlineName = DUE)
    void due() {
        send();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(SmsSent sent) {
        // the outcome is recorded; nothing more to do for this message
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(SmsSendFailed failed) {
        // certainly not sent; staff see why on the case
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(SmsOutcomeUnknown unknown) {
        // a person decides; the saga never sends again by itself
    }

    private void send() {
        try {
            if (commands.send(trigger(), new StartSmsSend(caseId, messageId)).replayed()) {
                startedBefore();
                return;
            }
        } catch (CaseRuleViolation refused) {
            if (SEND_STARTED.equals(refused.code())) {
                startedBefore();
            } else if (CASE_CLOSED.equals(refused.code())) {
                record(new RecordSmsSendFailed(caseId, messageId, CASE_CLOSED, "The case was closed before sending"));
            } else {
                record(new RecordSmsSendFailed(
                        caseId, messageId, refused.code(), "The case refused the send: " + refused.getMessage()));
            }
            return;
        }
        SmsGateway.SendResult result;
        try {
            result = gateway.send(new SmsGateway.OutgoingSms(caseId, messageId, to, text));
        } catch (RuntimeException e) {
            result = new SmsGateway.SendResult.Unknown(e.getClass().getSimpleName());
        }
        if (result instanceof SmsGateway.SendResult.Sent sent) {
            record(new RecordSmsSent(caseId, messageId, sent.messageSid(), sent.status()));
        } else if (result instanceof SmsGateway.SendResult.Rejected rejected) {
            record(new RecordSmsSendFailed(caseId, messageId, rejected.errorCode(), rejected.errorMessage()));
        } else if (result instanceof SmsGateway.SendResult.Unknown unknown) {
            record(new RecordSmsOutcomeUnknown(caseId, messageId, unknown.reason()));
        }
    }

    /** A crash or redelivery: whether that send reached Twilio is unknown. */
    private void startedBefore() {
        log.warn("SMS {} of case {} was started before; recording its outcome as unknown", messageId, caseId);
        record(new RecordSmsOutcomeUnknown(
                caseId, messageId, "The send was started before and its outcome was never recorded"));
    }

    /** Outcomes that the case has already settled otherwise are refused; that is the case's call. */
    private void record(Object outcome) {
        try {
            commands.send(trigger(), outcome);
        } catch (CaseRuleViolation refused) {
            log.info(
                    "SMS {} of case {}: {} refused: {}",
                    messageId,
                    caseId,
                    outcome.getClass().getSimpleName(),
                    refused.code());
        }
    }

    /** Every command of this saga answers to its message, whether the request or the deadline set it off. */
    private String trigger() {
        return "sms:" + messageId;
    }
}
