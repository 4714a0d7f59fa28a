package se.caseflow.domain.creditreport;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.domain.processing.UcFlowEnabled;

/**
 * se-credit-check: a verified identity triggers the party's one UC credit report. Runs in the processing
 * group {@value ProcessingGroups#UC_CREDIT_CHECK}: a tracking processor that starts at the head of the stream, one event at
 * a time, never replayed (see {@code docs/adr/0012}).
 */
@Saga
@Conditional(UcFlowEnabled.class)
@ProcessingGroup(ProcessingGroups.UC_CREDIT_CHECK)
@DisallowReplay
public class CreditCheckSaga {

    private static final Logger log = LoggerFactory.getLogger(CreditCheckSaga.class);

    @Autowired
    private transient CreditCheckProcedure procedure;

    private String caseId;

    @StartSaga(forceNew = true)
    @SagaEventHandler(associationProperty = "caseId")
    @DisallowReplay
    void on(IdentityVerified event, @Timestamp Instant at, EventMessage<?> message) {
        caseId = event.caseId();
        try {
            if (ReplayToken.isReplay(message)) {
                log.warn("Ignoring replayed IdentityVerified of case {}: UC is never called on a replay", caseId);
                return;
            }
            procedure.run(message.getIdentifier(), event.caseId(), event.party(), event.personalNumber(), at);
        } finally {
            SagaLifecycle.end();
        }
    }
}
