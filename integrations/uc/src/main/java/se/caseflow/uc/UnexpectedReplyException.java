package se.caseflow.uc;

/**
 * UC's reply does not have the shape or a value does not have the format the mapping expects. The message
 * names the W-code and what was wrong, never a name or a personnummer.
 */
final class UnexpectedReplyException extends RuntimeException {

    UnexpectedReplyException(String message) {
        super(message);
    }

    UnexpectedReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
