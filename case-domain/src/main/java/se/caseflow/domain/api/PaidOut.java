package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The loan was paid out by {@code partnerId}; a {@link CaseClosed} with reason PAID_OUT follows it. */
@Revision("1")
public record PaidOut(String caseId, String partnerId, long amountSek) {}
