package se.caseflow.domain.api;

import org.axonframework.serialization.Revision;

/** Staff added a note; {@code noteNumber} counts the case's notes from 1. */
@Revision("1")
public record NoteAdded(String caseId, int noteNumber, String text) {}
