package se.caseflow.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.EmploymentType;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.api.Income;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.LoanRequest;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RejectIdentity;
import se.caseflow.domain.api.SkipCreditCheck;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.gate.InternalGateForTests;

class IdentityCheckSagaTest {

    private static final String CASE_ID = "0d7c1b8e-2222-4a55-9a43-3f1c1d2a9e04";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final SagaTestFixture<IdentityCheckSaga> fixture = new SagaTestFixture<>(IdentityCheckSaga.class);
    private final List<String> checked = new ArrayList<>();
    private InternalCommands commands;

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private void withPort(IdentityCheckPort port, Instant now) {
        fixture.givenCurrentTime(NOW);
        commands = InternalGateForTests.around(fixture.registerCommandGateway(CommandGateway.class));
        fixture.registerResource(new IdentityCheckProcedure(
                person -> {
                    checked.add(person.subject());
                    return port.check(person);
                },
                commands,
                Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofMinutes(10)));
    }

    private static ProtectedApplicant person(String subject, String pnrToken) {
        ProtectedValue masked = new ProtectedValue("t");
        return new ProtectedApplicant(subject, new ProtectedValue(pnrToken), masked, masked, masked, masked);
    }

    private static CaseOpened opened(ProtectedApplicant coApplicant) {
        return new CaseOpened(
                CASE_ID,
                person("applicant", "token:a"),
                coApplicant,
                new LoanRequest(150_000, 60, LoanPurpose.CONSOLIDATION),
                new Income(42_000, EmploymentType.PERMANENT));
    }

    @Test
    void checksTheApplicantAndRecordsTheVerification() {
        withPort(person -> new IdentityCheckResult.Verified(), NOW.plusSeconds(2));
        fixture.givenNoPriorActivity()
                .whenPublishingA(opened(null))
                .expectDispatchedCommands(new ConfirmIdentity(CASE_ID, Party.APPLICANT, new ProtectedValue("token:a")))
                .expectActiveSagas(0);
        assertThat(checked).containsExactly("applicant");
    }

    @Test
    void checksTheCoApplicantToo() {
        withPort(
                person -> person.subject().equals("co")
                        ? new IdentityCheckResult.Rejected(IdentityRejectionReason.DECEASED, "W08020 05")
                        : new IdentityCheckResult.Verified(),
                NOW);
        fixture.givenNoPriorActivity()
                .whenPublishingA(opened(person("co", "token:c")))
                .expectDispatchedCommands(
                        new ConfirmIdentity(CASE_ID, Party.APPLICANT, new ProtectedValue("token:a")),
                        new RejectIdentity(CASE_ID, Party.CO_APPLICANT, IdentityRejectionReason.DECEASED, "W08020 05"));
        assertThat(checked).containsExactly("applicant", "co");
    }

    @Test
    void aFailingCheckIsARejectionForAPersonToLookAt() {
        withPort(
                person -> {
                    throw new IllegalStateException("connection refused");
                },
                NOW);
        fixture.givenNoPriorActivity()
                .whenPublishingA(opened(null))
                .expectDispatchedCommands(new RejectIdentity(
                        CASE_ID,
                        Party.APPLICANT,
                        IdentityRejectionReason.CHECK_FAILED,
                        "identity check failed: IllegalStateException"));
    }

    @Test
    void aStaleOpeningChecksNothingAndSkipsTheCreditChecks() {
        withPort(person -> new IdentityCheckResult.Verified(), NOW.plus(Duration.ofMinutes(11)));
        fixture.givenNoPriorActivity()
                .whenPublishingA(opened(person("co", "token:c")))
                .expectDispatchedCommands(
                        new SkipCreditCheck(
                                CASE_ID,
                                Party.APPLICANT,
                                CreditCheckSkipReason.STALE_TRIGGER,
                                "case opened 2026-11-25T10:00:00Z was PT11M old when seen; limit PT10M"),
                        new SkipCreditCheck(
                                CASE_ID,
                                Party.CO_APPLICANT,
                                CreditCheckSkipReason.STALE_TRIGGER,
                                "case opened 2026-11-25T10:00:00Z was PT11M old when seen; limit PT10M"));
        assertThat(checked).isEmpty();
    }
}
