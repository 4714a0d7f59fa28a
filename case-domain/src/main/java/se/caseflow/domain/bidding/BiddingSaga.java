package se.caseflow.domain.bidding;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.SendSms;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * One case from its credit report to its close: opens bidding once every party's report is in (the case refuses
 * while one is missing or not good), and tells the applicant by SMS when offers are ready, when the debt letter
 * went out, and on each reminder. Processing group {@value ProcessingGroups#BIDDING}: a tracking processor that
 * starts at the head of the stream, one event at a time, never replayed.
 *
 * <p>Never an SMS twice: each message id is derived from the case and the step (a name-based UUID), and every command
 * goes through {@link InternalCommands} keyed by the event that triggered it, committed before the saga goes on. An
 * event delivered again asks for the same message with the same key and gets the first answer back; were the key
 * gone, the case would refuse the message as a duplicate.
 */
@Saga
@ProcessingGroup(ProcessingGroups.BIDDING)
@DisallowReplay
public class BiddingSaga {

    static final String REMINDER_TEXT = "Hej! Ditt skuldebrev väntar fortfarande på din signatur. Signera det med"
            + " BankID så betalas lånet ut. Mvh Caseflow";

    /** The case's answers that only mean "not now" or "not this case": nothing for the saga to do. */
    private static final Set<String> NOT_OPENED = Set.of("credit-report-missing", "bidding-already-opened");

    private static final Logger log = LoggerFactory.getLogger(BiddingSaga.class);

    @Autowired
    private transient InternalCommands commands;

    private String caseId;

    @StartSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(CreditReportReceived event, EventMessage<?> message) {
        caseId = event.caseId();
        if (ReplayToken.isReplay(message)) {
            return;
        }
        try {
            commands.send(message.getIdentifier(), new OpenBidding(caseId));
        } catch (CaseRuleViolation refused) {
            if (NOT_OPENED.contains(refused.code())) {
                log.debug("Case {}: no bidding yet ({})", caseId, refused.code());
            } else {
                // credit not good, or the case closed: bidding never opens for this case
                log.info("Case {}: no bidding ({}): {}", caseId, refused.code(), refused.getMessage());
                SagaLifecycle.end();
            }
        }
    }

    @SagaEventHandler(associationProperty = "caseId")
    void on(BiddingClosed event, EventMessage<?> message) {
        if (!event.offers().isEmpty()) {
            sms(message, "offers-ready", SmsTemplate.OFFERS_READY, null);
        }
    }

    @SagaEventHandler(associationProperty = "caseId")
    void on(DebtLetterSent event, EventMessage<?> message) {
        sms(message, "debt-letter-sent", SmsTemplate.DEBT_LETTER_SENT, null);
    }

    @SagaEventHandler(associationProperty = "caseId")
    void on(DebtLetterReminderDue event, EventMessage<?> message) {
        sms(message, "debt-letter-reminder-" + event.reminder(), null, REMINDER_TEXT);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "caseId")
    void on(CaseClosed event) {
        // paid out or closed otherwise: nothing more to tell the applicant
    }

    private void sms(EventMessage<?> trigger, String step, SmsTemplate template, String text) {
        String messageId = messageId(caseId, step);
        try {
            commands.send(trigger.getIdentifier(), new SendSms(caseId, messageId, template, text, null));
        } catch (CaseRuleViolation refused) {
            // sms-exists: this step's SMS was asked for before (a redelivery); case-closed: too late to tell
            log.info("Case {}: SMS {} ({}) not sent again: {}", caseId, messageId, step, refused.code());
        }
    }

    /** The same case and step give the same id, always (a version 3, name-based UUID). */
    static String messageId(String caseId, String step) {
        return UUID.nameUUIDFromBytes((caseId + step).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
