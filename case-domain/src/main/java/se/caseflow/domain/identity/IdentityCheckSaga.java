package se.caseflow.domain.identity;

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
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.domain.processing.UcFlowEnabled;

/**
 * se-id-check: an opened case has its applicant (and co-applicant) identity-checked; the result goes on the
 * case. Processing group {@value ProcessingGroups#UC_IDENTITY_CHECK}: head of the stream, never replayed, stale triggers
 * refused (see {@code docs/adr/0012}).
 */
@Saga
@Conditional(UcFlowEnabled.class)
@ProcessingGroup(ProcessingGroups.UC_IDENTITY_CHECK)
@DisallowReplay
public class IdentityCheckSaga {

    private static final Logger log = LoggerFactory.getLogger(IdentityCheckSaga.class);

    @Autowired
    private transient IdentityCheckProcedure procedure;

    private String caseId;

    @StartSaga(forceNew = true)
    @SagaEventHandler(associationProperty = "caseId")
    @DisallowReplay
    void on(CaseOpened event, @Timestamp Instant at, EventMessage<?> message) {
        caseId = event.caseId();
        try {
            if (ReplayToken.isReplay(message)) {
                log.warn("Ignoring replayed CaseOpened of case {}: identity checks never run on a replay", caseId);
                return;
            }
            procedure.run(message.getIdentifier(), event, at);
        } finally {
            SagaLifecycle.end();
        }
    }
}
