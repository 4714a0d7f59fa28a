package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * The debt letter is still unsigned when its reminder deadline fired; {@code reminder} counts from 1. The
 * next one, if any, is due at {@code nextRemindAt} (null: this was the last).
 */
@Revision("1")
public record DebtLetterReminderDue(String caseId, int reminder, String nextRemindAt) {}
