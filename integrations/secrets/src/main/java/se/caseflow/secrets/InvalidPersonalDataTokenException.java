package se.caseflow.secrets;

/**
 * A personal data token is malformed, was altered, or does not belong to any key this store holds. The message
 * never contains the token or any plaintext.
 */
public class InvalidPersonalDataTokenException extends IllegalArgumentException {

    InvalidPersonalDataTokenException(String message) {
        super(message);
    }

    InvalidPersonalDataTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
