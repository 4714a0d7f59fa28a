package se.caseflow.domain.sms;

/**
 * Port to whatever delivers SMS (Twilio, or the local outbox). Blocking; called from the SMS saga on the
 * processor's thread. The recipient is a secrets-store token: only the adapter unwraps it, as
 * {@code TrustedCaller.SMS_SENDER}.
 */
public interface SmsGateway {

    SendResult send(OutgoingSms sms);

    /** One message to hand over. {@code to} and {@code text} are tokens: the gateway alone opens them. */
    record OutgoingSms(String caseId, String messageId, String to, String text) {}

    /** What became of the hand-over. */
    sealed interface SendResult {

        /** Accepted; {@code messageSid} names the message at the provider. */
        record Sent(String messageSid, String status) implements SendResult {}

        /** Certainly not sent: the provider refused it (or the recipient was erased). */
        record Rejected(String errorCode, String errorMessage) implements SendResult {}

        /** The request may or may not have reached the provider (timeout, connection lost, 5xx). */
        record Unknown(String reason) implements SendResult {}
    }
}
