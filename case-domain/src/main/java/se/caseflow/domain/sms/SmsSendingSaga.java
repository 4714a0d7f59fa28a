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

/**
 * One SMS, from request to outcome. Sends now, or when the deadline {@value #DUE} fires at the requested
 * time (the deadline manager is persistent, so a restart in between loses nothing).
 *
 * <p>At most once: before calling the gateway the saga records {@code SmsSendStarted} and commits it in
 * a transaction of its own ({@link CommittedCommands}). The case accepts that only once per message, so
 * after a crash between the call and its recorded outcome, the redelivered request finds the send
 * started, does not call again, and records the outcome as unknown for a person to decide.
 */
@Saga
@ProcessingGroup(SmsSendingSaga.PROCESSING_GROUP)
public class SmsSendingSaga {

    static final String DUE = "sms-due";
    static final String PROCESSING_GROUP = "sms-sending";

    private static final Logger log = LoggerFactory.getLogger(SmsSendingSaga.class);

    private String caseId;
    private String messageId;
    private String to;
    private String toMask;
    private String text;

    @Autowired
    private transient SmsGateway gateway;

    @Autowired
    private transient CommittedCommands commands;

    @Autowired
    private transient DeadlineManager deadlines;

    @StartSaga
    @SagaEventHandler(associationProperty = "messageId")
    void on(SmsRequested requested) {
        caseId = requested.caseId();
        messageId = requested.messageId();
        to = requested.to().token();
        toMask = requested.to().mask();
        text = requested.text();
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
            commands.submit(new StartSmsSend(caseId, messageId));
        } catch (CaseRuleViolation refused) {
            if ("case-closed".equals(refused.code())) {
                record(new RecordSmsSendFailed(caseId, messageId, "case-closed", "The case was closed before sending"));
            } else {
                // started before (a crash or redelivery): whether that send reached Twilio is unknown
                log.warn("SMS {} of case {} was started before; recording its outcome as unknown", messageId, caseId);
                record(new RecordSmsOutcomeUnknown(
                        caseId, messageId, "The send was started before and its outcome was never recorded"));
            }
            return;
        }
        SmsGateway.SendResult result;
        try {
            result = gateway.send(new SmsGateway.OutgoingSms(caseId, messageId, to, toMask, text));
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

    /** Outcomes that the case has already settled otherwise are refused; that is the case's call. */
    private void record(Object outcome) {
        try {
            commands.submit(outcome);
        } catch (CaseRuleViolation refused) {
            log.info(
                    "SMS {} of case {}: {} refused: {}",
                    messageId,
                    caseId,
                    outcome.getClass().getSimpleName(),
                    refused.code());
        }
    }
}
