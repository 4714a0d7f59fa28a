package se.caseflow.domain.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.EraseSubject;
import se.caseflow.domain.api.SubjectErased;
import se.caseflow.domain.idempotency.RecordedSubjectCases;

/** An erasure stores SubjectErased exactly when it shredded a key; a subject without one is refused. */
class PersonErasureTest {

    private static final String ERASURE = "3f2c6a0e-9b1d-4e7a-8c5f-1a2b3c4d5e6f";
    private static final String SUBJECT = "s_0b9e2d4c6a8f4e1d9c3b5a7e2f4d6c8b";

    private final Set<String> keys = new HashSet<>();
    private final RecordedSubjectCases subjectCases = new RecordedSubjectCases();
    private AggregateTestFixture<PersonErasure> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PersonErasure.class);
        fixture.registerInjectableResource((se.caseflow.domain.personal.PersonalDataShredder) keys::remove);
        fixture.registerInjectableResource(subjectCases);
    }

    @Test
    void shreddingTheKeyStoresSubjectErasedAndForgetsTheIdempotencyKeysOfThePersonsCases() {
        keys.add(SUBJECT);
        fixture.givenNoPriorActivity()
                .when(new EraseSubject(ERASURE, SUBJECT))
                .expectEvents(new SubjectErased(ERASURE, SUBJECT));
        assertThat(subjectCases.forgotten()).containsExactly(SUBJECT);
    }

    @Test
    void aSubjectWithoutAKeyIsRefusedAndNothingIsStored() {
        fixture.givenNoPriorActivity()
                .when(new EraseSubject(ERASURE, SUBJECT))
                .expectNoEvents()
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Subject " + SUBJECT + " has no key to shred");
        assertThat(subjectCases.forgotten()).isEmpty();
    }
}
