package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An SMS from a number no open case has. {@code caseId} names the record of this one message (a
 * name-based UUID of the MessageSid, see {@link #idFor}), not a loan case. {@code subject}, if given, is the subject
 * of no person the message was kept under in the SMS inbox: the sender and text are wrapped under it again, so an
 * erasure that reaches the waiting message reaches its record too, whichever comes first; without it a random one.
 */
public record RecordUnmatchedSms(
        @TargetAggregateIdentifier String caseId, String messageSid, String from, String body, String subject) {

    public RecordUnmatchedSms(String caseId, String messageSid, String from, String body) {
        this(caseId, messageSid, from, body, null);
    }

    public static String idFor(String messageSid) {
        return java.util
                .UUID
                .nameUUIDFromBytes(("unmatched-sms:" + messageSid).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
