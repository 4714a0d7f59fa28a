package se.caseflow.domain.validation;

/**
 * One thing wrong with a command payload.
 *
 * @param pointer RFC 6901 JSON pointer to the offending location; for a missing or unexpected property, the
 *     property itself
 * @param message an English sentence saying what is wrong, never quoting the value
 */
public record Violation(String pointer, String message) {}
