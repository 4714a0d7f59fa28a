package se.caseflow.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An SMS from a number no open case has. {@code caseId} names the record of this one message (a
 * name-based UUID of the MessageSid, see {@link #idFor}), not a loan case.
 */
public record RecordUnmatchedSms(
        @TargetAggregateIdentifier String caseId, String messageSid, String from, String body) {

    public static String idFor(String messageSid) {
        return java.util
                .UUID
                .nameUUIDFromBytes(("unmatched-sms:" + messageSid).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }
}
