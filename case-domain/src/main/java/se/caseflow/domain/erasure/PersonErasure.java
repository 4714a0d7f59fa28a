package se.caseflow.domain.erasure;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.EraseSubject;
import se.caseflow.domain.api.SubjectErased;
import se.caseflow.domain.idempotency.SubjectCases;
import se.caseflow.domain.personal.PersonalDataShredder;

/**
 * One erasure of a person. Its promise: {@link SubjectErased} is stored if and only if the person's key is gone.
 * The shred's statements join the command's transaction (the gate's), so a failure after the shred rolls the shred
 * back with the event, and a subject without a key (erased before) is refused with nothing written. The idempotency
 * keys of the person's cases go in the same transaction (their fingerprints hash plaintext notes and SMS texts).
 */
@Aggregate
class PersonErasure {

    static final String NO_SUCH_PERSON = "no-such-person";

    @AggregateIdentifier
    private String erasureId;

    PersonErasure() {
        // Axon creates an empty aggregate, then replays its events
    }

    @CommandHandler
    PersonErasure(EraseSubject command, PersonalDataShredder shredder, SubjectCases subjectCases) {
        if (!shredder.shred(command.subject())) {
            throw new CaseRuleViolation(NO_SUCH_PERSON, "Subject " + command.subject() + " has no key to shred");
        }
        subjectCases.forgetKeys(command.subject());
        apply(new SubjectErased(command.erasureId(), command.subject()));
    }

    @EventSourcingHandler
    void on(SubjectErased event) {
        erasureId = event.erasureId();
    }
}
