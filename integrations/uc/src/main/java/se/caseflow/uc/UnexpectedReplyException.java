package se.caseflow.uc;

/**
 * UC's reply does not have the shape or a value does not have the format the mapping expects. The message is a
 * {@link UcFailure}'s fixed text, naming at most caseflow's own W-code: never a value from the reply (it goes into
 * events). The cause, if any, stays out of events and logs.
 */
final class UnexpectedReplyException extends RuntimeException {

    private final UcFailure failure;

    UnexpectedReplyException(UcFailure failure) {
        super(failure.text());
        this.failure = failure;
    }

    UnexpectedReplyException(UcFailure failure, UcField field) {
        super(failure.text(field));
        this.failure = failure;
    }

    UnexpectedReplyException(UcFailure failure, Throwable cause) {
        super(failure.text(), cause);
        this.failure = failure;
    }

    /** An HTTP status other than 200 or 500. */
    static UnexpectedReplyException httpStatus(int status) {
        return new UnexpectedReplyException(UcFailure.HTTP_STATUS, UcFailure.httpStatus(status));
    }

    private UnexpectedReplyException(UcFailure failure, String fixedText) {
        super(fixedText);
        this.failure = failure;
    }

    UcFailure failure() {
        return failure;
    }
}
