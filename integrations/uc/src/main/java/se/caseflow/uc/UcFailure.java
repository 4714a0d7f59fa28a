package se.caseflow.uc;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fixed text per kind of failure to get a usable answer from UC, in place of a parser's or an exception's message:
 * those may quote what UC sent (a malformed term holding a name, a fault code, an XML parser quoting the text around
 * an error), and the text ends up in {@code IdentityRejected.detail} or {@code CreditCheckFailed.reason}, plaintext
 * event fields on Kafka and in Redis that outlive an erasure. A detail names at most one of caseflow's own {@link
 * UcField}s (its W-code, its meaning and what kind of value it expects): never a value from the reply.
 */
enum UcFailure {
    NOT_XML("UC's reply is not well-formed XML, or it holds a DOCTYPE"),
    NOT_SOAP("UC's reply is not a SOAP 1.1 envelope"),
    NO_SOAP_BODY("UC's SOAP envelope has no Body"),
    SOAP_FAULT("UC answered with a SOAP fault"),
    NO_UC_REPLY("UC's SOAP Body holds no ucReply"),
    NO_STATUS("UC's ucReply has no status@result"),
    GROUP_WITHOUT_ID("A group in UC's reply has no id or no index"),
    GROUP_INDEX_NOT_A_NUMBER("A group in UC's reply has an index that is not a number"),
    TERM_WITHOUT_ID("A term in UC's reply has no id"),
    GROUP_MISSING("UC's reply lacks a group the mapping needs"),
    TERM_MISSING("UC's reply lacks a term the mapping needs"),
    BAD_VALUE("A term in UC's reply does not have the format the mapping expects"),
    REMARKS_WITHOUT_SUM("UC's reply counts payment remarks (W61109) without their sum (W61110)"),
    HTTP_STATUS("UC answered with an HTTP status other than 200 or 500"),
    TOO_LARGE("UC's reply is larger than caseflow.uc.max-reply-bytes and was not read"),
    NOT_REACHABLE("UC was not reachable"),
    TIMEOUT("No answer from UC within caseflow.uc.read-timeout"),
    CONNECTION_BROKE("The connection to UC broke"),
    INTERRUPTED("Interrupted while waiting for UC"),
    REFUSED("UC answered with an error status"),
    OTHER("The call to UC failed");

    /** SOAP 1.1's own fault codes: a closed set, so naming one quotes nothing UC chose. */
    private static final Set<String> SOAP_FAULT_CODES = Set.of("VersionMismatch", "MustUnderstand", "Client", "Server");
    /** UC's status message ids are short numbers (101: unknown object); anything else is not named. */
    private static final Pattern MESSAGE_ID = Pattern.compile("\\d{1,3}");

    private final String text;

    UcFailure(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The text, naming {@code field} (caseflow's W-code, its meaning and the kind of value it takes). */
    String text(UcField field) {
        return switch (this) {
            case GROUP_MISSING -> "UC's reply lacks group " + field.group() + ", which holds " + field.describe();
            case TERM_MISSING -> "UC's reply lacks " + field.describe();
            case BAD_VALUE ->
                "UC's " + field.describe() + " is not " + field.type().expected();
            default -> text + " (" + field.describe() + ")";
        };
    }

    /** {@link #SOAP_FAULT}, naming the fault code if it is one of SOAP's own. */
    static String soapFault(String faultCode) {
        String local = faultCode == null
                ? ""
                : faultCode.substring(faultCode.indexOf(':') + 1).strip();
        return SOAP_FAULT_CODES.contains(local) ? SOAP_FAULT.text + " (" + local + ")" : SOAP_FAULT.text;
    }

    /** {@link #HTTP_STATUS}, naming the status (a number). */
    static String httpStatus(int status) {
        return "UC answered with HTTP status " + status;
    }

    /** {@link #REFUSED}, naming UC's message id if it is a short number. */
    static String refused(String messageId) {
        return messageId != null && MESSAGE_ID.matcher(messageId.strip()).matches()
                ? REFUSED.text + " (message " + messageId.strip() + ")"
                : REFUSED.text;
    }

    /**
     * The fixed detail of {@code failure}: the message of caseflow's own UC exceptions (built from these texts
     * only), else {@link #OTHER} with the exception's class.
     */
    static String detailOf(RuntimeException failure) {
        if (failure instanceof UnexpectedReplyException
                || failure instanceof UcReplyParser.SoapFaultException
                || failure instanceof SoapTransport.CallFailedException) {
            return failure.getMessage();
        }
        return OTHER.text + " (" + failure.getClass().getSimpleName() + ")";
    }
}
