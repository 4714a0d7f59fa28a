package se.caseflow.twilio;

import com.fasterxml.jackson.core.JacksonException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * A fixed text per kind of failure to get an answer from Twilio, in place of the exception's message: the SDK's and
 * the network's messages may quote what was sent or received (a proxy's page echoing the request, Jackson quoting
 * the unreadable answer), which may hold the recipient's number, and the text ends up in {@code SmsOutcomeUnknown},
 * Kafka and logs.
 */
enum TwilioTransportFailures {
    TIMEOUT("No answer from Twilio within the timeout"),
    CONNECTION("No connection to Twilio"),
    UNREADABLE_ANSWER("Twilio's answer was not readable"),
    UNKNOWN("No answer from Twilio (transport failure)");

    private final String text;

    TwilioTransportFailures(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The kind of {@code failure}, by the first cause in its chain that tells. */
    static TwilioTransportFailures of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) { // SocketTimeoutException, ConnectTimeoutException
                return TIMEOUT;
            }
            if (cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return CONNECTION;
            }
            if (cause instanceof JacksonException) {
                return UNREADABLE_ANSWER;
            }
        }
        return UNKNOWN;
    }
}
