package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/**
 * Staff added a note; {@code noteNumber} counts the case's notes from 1. Revision 2: the text is wrapped under
 * the applicant's subject key (revision 1 held it in plaintext).
 */
@Revision("2")
public record NoteAdded(String caseId, int noteNumber, ProtectedValue text) {}
