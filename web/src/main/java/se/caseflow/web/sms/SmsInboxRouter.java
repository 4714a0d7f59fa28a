package se.caseflow.web.sms;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import se.caseflow.domain.personal.SubjectErasedException;

/**
 * Routes the {@link SmsInbox}'s messages to their cases through {@link SmsWebhooks#route}, which sends through the
 * internal gate with the key {@code twilio-sms:<MessageSid>}: a message routed twice (by the webhook and by the
 * round, or on two nodes) is recorded once. A message is tried when it arrives, on the webhook's thread, and then
 * every {@code interval} while
 * Redis or the database are away; nothing is dropped but what an erasure reached: a message whose subject was
 * shredded while it waited (the person with the sender's number erased) is not routed, and the inbox drops its token.
 * A message the gate or the case refuses for good is kept in the inbox with the reason. Each round first moves what the {@link SmsSpoolDrainer} finds in the node's spool into
 * the inbox (the first round runs at start-up). Stops before the database closes (a {@link SmartLifecycle}).
 */
final class SmsInboxRouter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmsInboxRouter.class);
    private static final int BATCH = 100;

    private final SmsInbox inbox;
    private final SmsWebhooks webhooks;
    private final SmsSpoolDrainer drainer;
    private final Duration interval;
    private ScheduledExecutorService executor;

    SmsInboxRouter(SmsInbox inbox, SmsWebhooks webhooks, SmsSpoolDrainer drainer, Duration interval) {
        this.inbox = inbox;
        this.webhooks = webhooks;
        this.drainer = drainer;
        this.interval = interval;
    }

    /** Routes one stored message now, on the caller's thread; if that fails, the interval's round tries again. */
    void routeNow(String messageSid) {
        try {
            inbox.pending(messageSid).ifPresent(this::route);
        } catch (RuntimeException e) {
            log.warn("Inbound SMS {} not routed yet; trying again in {}: {}", messageSid, interval, e.toString());
        }
    }

    /** Routes every waiting message; stops at the first outage, to try again after the interval. */
    void routeWaiting() {
        try {
            for (SmsInbox.Pending pending : inbox.pending(BATCH)) {
                if (!route(pending)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("The SMS inbox cannot be read now; trying again in {}: {}", interval, e.toString());
        }
    }

    private boolean route(SmsInbox.Pending pending) {
        SmsWebhooks.Result result;
        try {
            Optional<SmsInbox.Message> message = inbox.open(pending);
            if (message.isEmpty()) {
                log.info("Inbound SMS {} was erased before it was routed", pending.messageSid());
                inbox.dropErased();
                return true;
            }
            result = webhooks.route(
                    pending.messageSid(), message.get().from(), message.get().body(), pending.subject());
        } catch (RuntimeException outage) {
            log.warn(
                    "Inbound SMS {} not routed yet; trying again in {}: {}",
                    pending.messageSid(),
                    interval,
                    outage.toString());
            inbox.failed(pending, outage.toString());
            return false;
        }
        if (result.done()) {
            inbox.routed(pending, result.keptUnderMessageSubject());
        } else if (SubjectErasedException.CODE.equals(result.type())) {
            // erased between opening it and recording it: the record took nothing, the token goes
            log.info("Inbound SMS {} was erased while it was routed", pending.messageSid());
            inbox.dropErased();
        } else if (result.status().is5xxServerError()) {
            inbox.failed(pending, result.type() + ": " + result.detail());
            return false;
        } else {
            log.error("Inbound SMS {} refused: {} {}", pending.messageSid(), result.type(), result.detail());
            inbox.refused(pending, result.type() + ": " + result.detail());
        }
        return true;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "sms-inbox"));
        executor.scheduleWithFixedDelay(
                () -> {
                    drainer.drain();
                    routeWaiting();
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The SMS inbox router did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
