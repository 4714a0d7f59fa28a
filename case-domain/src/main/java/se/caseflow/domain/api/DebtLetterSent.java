package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The debt letter went out; unless it is signed first, a reminder is due at {@code remindAt} (ISO instant). */
@Revision("1")
public record DebtLetterSent(String caseId, String partnerId, String remindAt) {}
