package se.caseflow.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.SubjectErased;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;

/**
 * Tokens {@code <subject>|<value>} that open to their value until their subject is shredded, then as erased, like
 * the secrets store's; and the SubjectErased event of such a shred.
 */
public final class ShreddingUnwrapper implements PersonalDataUnwrapper {

    public static final String ERASURE = "3f2c6a0e-9b1d-4e7a-8c5f-1a2b3c4d5e6f";

    private final Set<String> shredded = new HashSet<>();

    public static ProtectedValue wrap(String subject, String value) {
        return new ProtectedValue(subject + "|" + value);
    }

    /** Every token of {@code subject} opens as erased from now on. */
    public void shred(String subject) {
        shredded.add(subject);
    }

    @Override
    public Unwrapped unwrap(String token, TrustedCaller caller, String purpose) {
        String subject = token.substring(0, token.indexOf('|'));
        return shredded.contains(subject)
                ? new Unwrapped.Erased(subject)
                : new Unwrapped.Revealed(token.substring(token.indexOf('|') + 1));
    }

    /** The event of the erasure of {@code subject}, as the event store hands it to a processor. */
    public static EventMessage<?> erasure(String subject, Instant at) {
        return new GenericDomainEventMessage<>(
                "PersonErasure", ERASURE, 0, new SubjectErased(ERASURE, subject), Map.of(), ERASURE + "#0", at);
    }

    /**
     * The orders a rebuild may handle {@code history}, the {@code erasure} and what came {@code afterwards} in: the
     * erasure is sequenced apart from the cases, so it may come after their events or before them.
     */
    public static List<List<EventMessage<?>>> rebuildOrders(
            List<EventMessage<?>> history, EventMessage<?> erasure, EventMessage<?> afterwards) {
        List<EventMessage<?>> inOrder = new ArrayList<>(history);
        inOrder.add(erasure);
        inOrder.add(afterwards);
        List<EventMessage<?>> erasureFirst = new ArrayList<>();
        erasureFirst.add(erasure);
        erasureFirst.addAll(history);
        erasureFirst.add(afterwards);
        return List.of(inOrder, erasureFirst);
    }
}
