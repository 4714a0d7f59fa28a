package se.caseflow.web.sms;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * An inbound SMS webhook: checked, stored in the {@link SmsInbox}, then answered 200, whatever happens to the
 * routing after that. Twilio never sends an inbound message again, so the message must not depend on Redis or the
 * gate being there: it is routed at once if they are, and by the {@link SmsInboxRouter} once they are back. When
 * the inbox cannot store it within {@code storeTimeout} (the database is away: refused, or its pool waiting for a
 * connection longer than Twilio waits for the answer), it goes to this node's {@link SmsSpool} on disk and is
 * answered 200 once written there; the {@link SmsSpoolDrainer} moves it into the inbox later. Only when the disk
 * fails too the answer is 503. The work runs on {@code scheduler}, never the event loop.
 */
final class InboundSms {

    private static final Logger log = LoggerFactory.getLogger(InboundSms.class);

    private final SmsInbox inbox;
    private final SmsInboxRouter router;
    private final SmsSpool spool;
    private final Duration storeTimeout;
    private final Scheduler scheduler;

    InboundSms(SmsInbox inbox, SmsInboxRouter router, SmsSpool spool, Duration storeTimeout, Scheduler scheduler) {
        this.inbox = inbox;
        this.router = router;
        this.spool = spool;
        this.storeTimeout = storeTimeout;
        this.scheduler = scheduler;
    }

    Mono<SmsWebhooks.Result> receive(Map<String, String> form) {
        SmsWebhooks.Inbound message = SmsWebhooks.checkInbound(form);
        if (message.problem() != null) {
            return Mono.just(message.problem());
        }
        String sid = message.messageSid();
        return Mono.fromCallable(() -> inbox.store(sid, message.from(), message.body()))
                .subscribeOn(scheduler)
                .timeout(storeTimeout)
                .map(stored -> {
                    if (stored) {
                        router.routeNow(sid);
                    }
                    return SmsWebhooks.Result.DONE;
                })
                .onErrorResume(
                        IllegalArgumentException.class,
                        tooLong -> Mono.just(new SmsWebhooks.Result(
                                HttpStatus.BAD_REQUEST, "invalid-webhook", tooLong.getMessage())))
                .onErrorResume(inboxAway ->
                        Mono.fromCallable(() -> spooled(message, inboxAway)).subscribeOn(scheduler));
    }

    private SmsWebhooks.Result spooled(SmsWebhooks.Inbound message, Throwable inboxAway) {
        try {
            spool.put(message.messageSid(), message.from(), message.body());
            log.debug(
                    "Inbound SMS {} spooled: the inbox cannot store it ({})",
                    message.messageSid(),
                    inboxAway.toString());
            return SmsWebhooks.Result.DONE;
        } catch (IOException | RuntimeException diskAway) {
            log.warn(
                    "Inbound SMS {} could not be stored: {}; nor spooled: {}",
                    message.messageSid(),
                    inboxAway.toString(),
                    diskAway.toString());
            return new SmsWebhooks.Result(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "inbox-unavailable",
                    "The inbound message could not be stored; send it again");
        }
    }
}
