package se.caseflow.web.sms;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;

/**
 * An inbound SMS webhook: checked, stored in the {@link SmsInbox}, then answered 200, whatever happens to the
 * routing after that. Twilio never sends an inbound message again, so the message must not depend on Redis or the
 * gate being there: it is routed at once if they are, and by the {@link SmsInboxRouter} once they are back. Only
 * when the inbox itself cannot store it (the database is away) the answer is 503. Blocking.
 */
final class InboundSms {

    private static final Logger log = LoggerFactory.getLogger(InboundSms.class);

    private final SmsInbox inbox;
    private final SmsInboxRouter router;

    InboundSms(SmsInbox inbox, SmsInboxRouter router) {
        this.inbox = inbox;
        this.router = router;
    }

    SmsWebhooks.Result receive(Map<String, String> form) {
        SmsWebhooks.Inbound message = SmsWebhooks.checkInbound(form);
        if (message.problem() != null) {
            return message.problem();
        }
        boolean stored;
        try {
            stored = inbox.store(message.messageSid(), message.from(), message.body());
        } catch (DataAccessException e) {
            log.warn("Inbound SMS {} could not be stored: {}", message.messageSid(), e.toString());
            return new SmsWebhooks.Result(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "inbox-unavailable",
                    "The inbound message could not be stored; send it again");
        } catch (IllegalArgumentException tooLong) {
            return new SmsWebhooks.Result(HttpStatus.BAD_REQUEST, "invalid-webhook", tooLong.getMessage());
        }
        if (stored) {
            router.routeNow(message.messageSid());
        }
        return SmsWebhooks.Result.DONE;
    }
}
