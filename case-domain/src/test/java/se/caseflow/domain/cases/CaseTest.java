package se.caseflow.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.AddNote;
import se.caseflow.domain.api.Address;
import se.caseflow.domain.api.ApplicantDetails;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OpenCase;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.idempotency.RecordedSubjectCases;
import se.caseflow.domain.personal.ApplicantProtector;

class CaseTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e01";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private final RecordingVault vault = new RecordingVault();
    private final RecordedSubjectCases subjectCases = new RecordedSubjectCases();
    private FixtureConfiguration<Case> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(new ApplicantProtector(vault, CLOCK));
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(subjectCases);
    }

    static OpenCase openCase() {
        ApplicantDetails applicant = new ApplicantDetails(
                "19121212-1212",
                "Tolvan",
                "Tolvansson",
                "070-174 06 05",
                "tolvan@example.se",
                new Address("Storgatan 1", "111 22", "Stockholm", null));
        return new OpenCase(
                CASE_ID,
                applicant,
                null,
                new LoanRequest(150_000, 60, LoanPurpose.CONSOLIDATION),
                new Income(42_000, EmploymentType.PERMANENT));
    }

    private CaseOpened opened() {
        ProtectedApplicant applicant =
                new ApplicantProtector(vault, CLOCK).protect(openCase().applicant());
        return new CaseOpened(
                CASE_ID, applicant, null, openCase().loan(), openCase().income());
    }

    @Test
    void opensACaseWithTheApplicantAsTokensOnlyNoMasksNoIndexes() {
        fixture.givenNoPriorActivity().when(openCase()).expectEvents(opened());
        CaseOpened event = opened();
        // the person's erasure finds the case, and so its idempotency keys
        assertThat(subjectCases.recorded())
                .containsExactly(CASE_ID + " " + event.applicant().subject());
        assertThat(vault.wrapped())
                .contains(
                        "191212121212",
                        "Tolvan Tolvansson",
                        "+46701740605",
                        "tolvan@example.se",
                        "Storgatan 1, 111 22 Stockholm");
        // no birth date (a mask kept it), no masked phone or name, no blind index under a key that outlives the person
        assertThat(event.toString())
                .doesNotContain("19121212", "+46701740605", "+4670", "Tolvan", "T***", "*** Stockholm", "index:");
    }

    /**
     * The second creation collides with the stored first event; the fixture's store reports it as an
     * EventStoreException, the JDBC store as AggregateStreamCreationException, which the gate turns
     * into 409 case-already-open (CommandApiTest).
     */
    @Test
    void refusesToOpenTheSameCaseTwice() {
        fixture.given(opened())
                .when(openCase())
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void numbersNotesFromOne() {
        fixture.given(opened(), new NoteAdded(CASE_ID, 1, text("Called the applicant")))
                .when(new AddNote(CASE_ID, "Payslip received"))
                .expectEvents(new NoteAdded(CASE_ID, 2, text("Payslip received")));
        assertThat(vault.wrapped()).contains("Payslip received");
    }

    /** Notes and comments are free text about a person: wrapped under the applicant's subject key. */
    private ProtectedValue text(String plaintext) {
        return RecordingVault.text(opened().applicant().subject(), plaintext);
    }

    @Test
    void closesAnOpenCase() {
        fixture.given(opened())
                .when(new CloseCase(CASE_ID, CloseReason.WITHDRAWN_BY_APPLICANT, "Found a loan elsewhere"))
                .expectEvents(
                        new CaseClosed(CASE_ID, CloseReason.WITHDRAWN_BY_APPLICANT, text("Found a loan elsewhere")));
    }

    @Test
    void refusesNotesOnAClosedCase() {
        fixture.given(opened(), new CaseClosed(CASE_ID, CloseReason.NO_OFFERS, null))
                .when(new AddNote(CASE_ID, "Too late"))
                .expectException(CaseRuleViolation.class)
                .expectExceptionMessage("Cannot add a note to case " + CASE_ID + ": it is closed")
                .expectNoEvents();
    }

    @Test
    void refusesToCloseAClosedCase() {
        fixture.given(opened(), new CaseClosed(CASE_ID, CloseReason.NO_OFFERS, null))
                .when(new CloseCase(CASE_ID, CloseReason.DUPLICATE, null))
                .expectException(CaseRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void wrapsTheCoApplicantUnderTheirOwnSubject() {
        ApplicantDetails coApplicant = new ApplicantDetails(
                "198112189876",
                "Anna",
                "Andersson",
                "+46 73 123 45 67",
                "anna@example.se",
                new Address("Lillgatan 2", "41301", "Göteborg", "Tolvansson"));
        OpenCase command = new OpenCase(
                CASE_ID,
                openCase().applicant(),
                coApplicant,
                openCase().loan(),
                openCase().income());
        fixture.givenNoPriorActivity().when(command).expectSuccessfulHandlerExecution();
        List<String> subjects = vault.subjects();
        assertThat(subjects)
                .containsExactly(
                        RecordingVault.subjectName("191212121212"), RecordingVault.subjectName("198112189876"));
    }
}
