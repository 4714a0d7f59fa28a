package se.caseflow.web.pages;

/**
 * The state of the two forms on a case page: what was typed, the errors of the last post, and a fresh
 * idempotency key each (a refused post claimed no key, so a new one is as good and never conflicts).
 */
record Forms(
        String noteText,
        FormErrors noteErrors,
        String noteKey,
        String closeReason,
        String closeComment,
        FormErrors closeErrors,
        String closeKey) {

    static Forms fresh() {
        return new Forms("", FormErrors.NONE, PageCommands.newKey(), "", "", FormErrors.NONE, PageCommands.newKey());
    }

    Forms withNote(String text, FormErrors errors) {
        return new Forms(text, errors, noteKey, closeReason, closeComment, closeErrors, closeKey);
    }

    Forms withClose(String reason, String comment, FormErrors errors) {
        return new Forms(noteText, noteErrors, noteKey, reason, comment, errors, closeKey);
    }
}
