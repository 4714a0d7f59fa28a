package se.caseflow.idempotence;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import se.caseflow.domain.idempotency.IdempotencyStore;

/** Deletes idempotency keys past their retention, on every node; the DELETE is harmless when repeated. */
class IdempotencyKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final IdempotencyStore store;
    private final Clock clock;

    IdempotencyKeyPurge(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${caseflow.idempotency.purge-interval:PT10M}",
            initialDelayString = "${caseflow.idempotency.purge-interval:PT10M}")
    void purge() {
        int purged = store.purgeExpired(clock.instant());
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }
}
