package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * The key of {@code subject} was shredded, in this event's transaction: every token of the person opens as erased
 * from now on. The read side removes what it had unwrapped of them, in place. {@code erasureId} is the id of the
 * erasure (the {@code erasureId} of {@link EraseSubject}).
 */
@Revision("1")
public record SubjectErased(String erasureId, String subject) {}
