package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** The party's one UC credit report was reserved; committed before UC is called. */
@Revision("1")
public record CreditCheckReserved(String caseId, Party party) {}
