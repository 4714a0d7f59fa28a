package se.caseflow.web.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import se.caseflow.domain.api.RecordUnmatchedSms;
import se.caseflow.domain.api.SmsDeliveryStatus;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.domain.json.Json;
import se.caseflow.domain.personal.PersonalDataKind;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.domain.validation.MobilePhoneNumber;
import se.caseflow.projections.read.ProjectionReader;

/**
 * What a signed webhook does. Inbound (routed from the {@link SmsInbox}): the sender's blind index finds the open
 * cases of the number
 * ({@code sms/phone/{index}} on the read side, most recently opened first); the newest gets
 * {@code ReceiveSms}, and without one {@code RecordUnmatchedSms}. Status: {@code RecordSmsStatus} for the
 * case and message named in the callback URL. The idempotency key is Twilio's MessageSid (plus the status),
 * so a repeated webhook is answered again without recording anything twice. Blocking: call off the event loop.
 */
class SmsWebhooks {

    private static final Logger log = LoggerFactory.getLogger(SmsWebhooks.class);
    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
    private static final int CONCURRENT_CHANGE_ATTEMPTS = 5;
    /** Twilio's limit, and ReceiveSms's. */
    private static final int MAX_BODY_LENGTH = 1600;

    private static final String CONCURRENT_CHANGE = "concurrent-change";
    /** Refusals of ReceiveSms after which the message belongs to no case: it is recorded as unmatched. */
    private static final Set<String> NOBODYS_CASE = Set.of("case-closed", "case-not-found", "applicant-erased");

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Done (status null), or the problem to answer with. */
    record Result(HttpStatus status, String type, String detail) {

        static final Result DONE = new Result(null, null, null);

        /**
         * Done, recorded as unmatched under the subject the message waited under in the inbox; or recorded before,
         * perhaps so: that subject may hold the record.
         */
        static final Result SUBJECT_KEPT = new Result(null, "subject-kept", null);

        boolean done() {
            return status == null;
        }

        /** Done, and the message's own subject holds its record: the inbox must not shred it. */
        boolean keptUnderMessageSubject() {
            return done() && "subject-kept".equals(type);
        }
    }

    private final CommandGate gate;
    private final PersonalDataVault vault;
    private final ProjectionReader reader;
    private final ObjectMapper json = Json.mapper();

    SmsWebhooks(CommandGate gate, PersonalDataVault vault, ProjectionReader reader) {
        this.gate = gate;
        this.vault = vault;
        this.reader = reader;
    }

    /** The inbound message in Twilio's form, checked: its sid, sender (E.164) and text; or the problem. */
    record Inbound(String messageSid, String from, String body, Result problem) {}

    static Inbound checkInbound(Map<String, String> form) {
        String sid = form.get("MessageSid");
        String body = Objects.requireNonNullElse(form.get("Body"), "");
        if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
            return new Inbound(sid, null, body, bad("MessageSid is missing or not a Twilio message sid"));
        }
        if (body.length() > MAX_BODY_LENGTH) {
            return new Inbound(sid, null, body, bad("Body is longer than " + MAX_BODY_LENGTH + " characters"));
        }
        try {
            return new Inbound(sid, MobilePhoneNumber.normaliseE164(form.get("From")), body, null);
        } catch (IllegalArgumentException e) {
            return new Inbound(sid, null, body, bad("From is not a mobile phone number: " + e.getMessage()));
        }
    }

    /**
     * Records a checked inbound message on the sender's newest open case, or as unmatched under {@code subject}, the
     * subject of no person it waited under in the inbox (so that an erasure reaching the waiting message reaches its
     * record too). Reads Redis and writes through the gate: throws while either is away (the inbox tries again).
     */
    Result route(String sid, String e164, String body, String subject) {
        if (!reader.holdsReadSide()) {
            // an empty phone index would send every message to the unmatched feed
            throw new IllegalStateException("Redis lost the read side: routing waits until it is rebuilt");
        }
        ProjectionReader.ViewPage cases = casesOf(e164);
        String key = "twilio-sms:" + sid;
        if (!cases.members().isEmpty()) {
            ObjectNode receive = json.createObjectNode()
                    .put("caseId", cases.members().get(0).caseId())
                    .put("messageSid", sid)
                    .put("from", e164)
                    .put("body", body)
                    // the view's members and its count are two reads: a case leaving in between must not count 0
                    .put("openCasesForSender", (int)
                            Math.max(cases.count(), cases.members().size()));
            CommandOutcome outcome = submit(new CommandRequest("ReceiveSms", receive, key, "twilio"));
            if (recordedBefore(outcome)) {
                return Result.SUBJECT_KEPT; // perhaps as unmatched, under the message's subject
            }
            if (!(outcome instanceof CommandOutcome.Refused refused) || !NOBODYS_CASE.contains(refused.code())) {
                return result(outcome);
            }
            // closed between the look-up and the command, or its applicant erased (the read side still routes the
            // number there until it is rebuilt): nobody's case any more
        }
        ObjectNode unmatched = json.createObjectNode()
                .put("caseId", RecordUnmatchedSms.idFor(sid))
                .put("messageSid", sid)
                .put("from", e164)
                .put("body", body)
                .put("subject", subject);
        CommandOutcome outcome = submit(new CommandRequest("RecordUnmatchedSms", unmatched, key, "twilio"));
        if (outcome instanceof CommandOutcome.Accepted
                || recordedBefore(outcome)
                || outcome instanceof CommandOutcome.Refused refused
                        && refused.code().equals("case-already-open")) {
            return Result.SUBJECT_KEPT; // case-already-open: recorded before, after its idempotency key expired
        }
        return result(outcome);
    }

    /**
     * The sender's open cases, newest first: under the current HMAC key's index, else (during a key rotation, until
     * the read side is rebuilt) under the previous key's.
     */
    private ProjectionReader.ViewPage casesOf(String e164) {
        ProjectionReader.ViewPage cases = null;
        for (String index : vault.blindIndexes(PersonalDataKind.PHONE_NUMBER, e164)) {
            cases = reader.view("sms/phone/" + index, 0, 1);
            if (!cases.members().isEmpty()) {
                return cases;
            }
        }
        return cases;
    }

    /**
     * Twilio's retry of a message already recorded under its MessageSid, but routed differently this time: the
     * read side that finds the sender's case had caught up (unmatched first, the case now) or counts another open
     * case. The message is kept once, as it was first recorded; the retry is answered as done, not 409.
     */
    private static boolean recordedBefore(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.KeyConflict conflict
                && conflict.reason() == CommandOutcome.KeyConflict.Reason.DIFFERENT_PAYLOAD;
    }

    Result status(Map<String, String> query, Map<String, String> form) {
        String caseId = query.get("caseId");
        String messageId = query.get("messageId");
        if (caseId == null
                || messageId == null
                || !UUID.matcher(caseId).matches()
                || !UUID.matcher(messageId).matches()) {
            return bad("The callback URL must name caseId and messageId");
        }
        String sid = form.get("MessageSid");
        if (sid == null || !MESSAGE_SID.matcher(sid).matches()) {
            return bad("MessageSid is missing or not a Twilio message sid");
        }
        SmsDeliveryStatus status = SmsDeliveryStatus.fromTwilio(form.get("MessageStatus"));
        if (status == null) {
            return bad("MessageStatus is missing or not one of Twilio's message statuses");
        }
        String errorCode = form.get("ErrorCode");
        ObjectNode record = json.createObjectNode()
                .put("caseId", caseId)
                .put("messageId", messageId)
                .put("messageSid", sid)
                .put("status", status.name());
        if (errorCode != null && !errorCode.isBlank()) {
            record.put("errorCode", errorCode);
        }
        String key =
                "twilio-status:" + sid + ":" + status.twilioName() + ":" + Objects.requireNonNullElse(errorCode, "");
        CommandOutcome outcome = submit(new CommandRequest("RecordSmsStatus", record, key, "twilio"));
        if (outcome instanceof CommandOutcome.KeyConflict conflict
                && conflict.reason() == CommandOutcome.KeyConflict.Reason.DIFFERENT_PAYLOAD) {
            // Twilio names one message by one MessageSid: the same status of it for another case or message is
            // a contradiction no retry resolves, so a 4xx (Twilio retries only 5xx and timeouts)
            return new Result(
                    HttpStatus.CONFLICT,
                    "message-sid-reused",
                    "MessageSid " + sid + " reported '" + status.twilioName()
                            + "' for another case or message than this callback URL names; nothing was recorded");
        }
        return result(outcome);
    }

    /** Twilio does not resend an inbound message we refuse: a collision is tried again here, not answered 409. */
    private CommandOutcome submit(CommandRequest request) {
        return gate.submitUntilNoCollision(request, CONCURRENT_CHANGE_ATTEMPTS);
    }

    private static Result result(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Accepted) {
            return Result.DONE;
        }
        if (outcome instanceof CommandOutcome.Invalid invalid) {
            return new Result(
                    HttpStatus.BAD_REQUEST,
                    "invalid-webhook",
                    invalid.violations().toString());
        }
        if (outcome instanceof CommandOutcome.Refused refused && !refused.code().equals(CONCURRENT_CHANGE)) {
            HttpStatus status = refused.code().endsWith("not-found") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return new Result(status, refused.code(), refused.message());
        }
        log.warn("Twilio webhook not handled: {}", outcome);
        // the same webhook in flight (Twilio retrying while the first try still runs), or other writers winning
        // every attempt on the case: a 5xx makes Twilio try again later (it retries nothing else)
        return new Result(HttpStatus.SERVICE_UNAVAILABLE, "try-again", "The same webhook is being handled right now");
    }

    private static Result bad(String detail) {
        return new Result(HttpStatus.BAD_REQUEST, "invalid-webhook", detail);
    }
}
