package se.caseflow.projections.cases;

import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.personal.Unwrapped;

/** Case events as the event store hands them to a processor: with sequence numbers and timestamps. */
final class TestEvents {

    private TestEvents() {}

    static GenericDomainEventMessage<?> message(String caseId, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>(
                "Case", caseId, sequence, payload, Map.of(), caseId + "#" + sequence, at);
    }

    /** Tokens the {@link #unwrap} stub opens to the value they carry, or finds erased. */
    static ProtectedApplicant applicant(String name, boolean erased) {
        String state = erased ? "erased:" : "plain:";
        return new ProtectedApplicant(
                "subject-" + name.hashCode(),
                new ProtectedValue(state + "191212121212"),
                new ProtectedValue(state + name),
                new ProtectedValue(state + "+46701740605"),
                new ProtectedValue(state + "tolvan@example.se"),
                new ProtectedValue(state + "Storgatan 1, 111 22 Stockholm"));
    }

    static Unwrapped unwrap(String token) {
        return token.startsWith("erased:")
                ? new Unwrapped.Erased("subject")
                : new Unwrapped.Revealed(token.substring(token.indexOf(':') + 1));
    }

    static CaseOpened opened(String caseId, String name, long amountSek, int months, LoanPurpose purpose) {
        return new CaseOpened(
                caseId,
                applicant(name, false),
                null,
                new LoanRequest(amountSek, months, purpose),
                new Income(42_000, EmploymentType.PERMANENT));
    }

    static NoteAdded note(String caseId, int number, String text) {
        return new NoteAdded(caseId, number, text(text));
    }

    static CaseClosed closed(String caseId, CloseReason reason, String comment) {
        return new CaseClosed(caseId, reason, text(comment));
    }

    /** Free text as a token the {@link #unwrap} stub opens (null: no text). */
    static ProtectedValue text(String text) {
        return text == null ? null : new ProtectedValue("plain:" + text);
    }
}
