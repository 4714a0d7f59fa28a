package se.caseflow.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/** Identity and credit checks on the case document, the activity feed and the two views; rebuild == live. */
class CreditChecksProjectionTest {

    static final TestRedis REDIS = TestRedis.create("credit-projection");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-25T08:30:00Z");
    static final ProtectedValue PNR = new ProtectedValue("pn-token");
    static final CreditReport REPORT = new CreditReport(new BigDecimal("12.5"), 150_000L, 420_000L, 1, 4_500, 3);

    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final ProjectionReader reader = new ProjectionReader(REDIS.client(), REDIS.connection(), REDIS.prefix());
    final CaseProjection projection = new CaseProjection(store, (token, caller, purpose) -> TestEvents.unwrap(token));
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    @AfterEach
    void wipe() {
        REDIS.deleteKeys();
    }

    private final List<EventMessage<?>> history = new ArrayList<>();

    private void handle(String caseId, Object payload) throws Exception {
        long sequence = history.stream()
                .filter(e -> e.getPayload().toString().contains(caseId))
                .count();
        EventMessage<?> message = TestEvents.message(caseId, sequence, payload, T0.plusSeconds(60L * history.size()));
        history.add(message);
        handlers.handle(message);
    }

    private JsonNode document(String caseId) throws Exception {
        return JSON.readTree(reader.document("case/" + caseId).orElseThrow().json());
    }

    private static CaseOpened opened(String caseId, boolean coApplicant) {
        CaseOpened opened = TestEvents.opened(caseId, "Tolvan Tolvansson", 150_000, 60, LoanPurpose.CONSOLIDATION);
        return coApplicant
                ? new CaseOpened(caseId, opened.applicant(), opened.applicant(), opened.loan(), opened.income())
                : opened;
    }

    @Test
    void showsTheChecksOnTheDocumentAndInTheFeed() throws Exception {
        handle("c1", opened("c1", false));
        assertThat(document("c1").get("checks").isNull()).isTrue();
        handle("c1", new IdentityVerified("c1", Party.APPLICANT, PNR));
        JsonNode verified = document("c1");
        assertThat(verified.at("/checks/status").asText()).isEqualTo("awaiting-credit-check");
        assertThat(verified.at("/checks/applicant/identity").asText()).isEqualTo("VERIFIED");
        assertThat(reader.view("view/awaiting-credit-check", 0, 10).members())
                .extracting(ProjectionReader.ViewPage.Member::caseId)
                .containsExactly("c1");

        handle("c1", new CreditCheckReserved("c1", Party.APPLICANT));
        assertThat(document("c1").at("/checks/status").asText()).isEqualTo("credit-check-reserved");
        assertThat(reader.count("view/awaiting-credit-check")).isEqualTo(1);

        handle("c1", new CreditReportReceived("c1", Party.APPLICANT, REPORT));
        JsonNode received = document("c1");
        assertThat(received.at("/checks/status").asText()).isEqualTo("credit-check-received");
        assertThat(received.at("/checks/applicant/report/riskPercent").decimalValue())
                .isEqualByComparingTo("12.5");
        assertThat(received.at("/checks/applicant/report/risk").asText()).isEqualTo("12,5 %");
        assertThat(received.at("/checks/applicant/report/yearlyIncome").asText())
                .isEqualTo("420 000 kr");
        assertThat(received.at("/checks/applicant/report/paymentRemarksSumSek").asLong())
                .isEqualTo(4_500);
        assertThat(received.toString()).doesNotContain("pn-token", "191212121212");
        assertThat(reader.count("view/awaiting-credit-check")).isZero();
        assertThat(reader.count("view/needs-attention")).isZero();

        assertThat(reader.feed("case/c1/activity", "1-0", 10))
                .extracting(e -> e.fields().get("type") + ": " + e.fields().get("text"))
                .containsExactly(
                        "IdentityVerified: Identity of the applicant verified by UC",
                        "CreditCheckReserved: UC credit report of the applicant reserved; asking UC",
                        "CreditReportReceived: UC credit report of the applicant: risk 12,5 %, recommended credit"
                                + " 150 000 kr, yearly income 420 000 kr, 1 payment remarks (4 500 kr),"
                                + " 3 recent inquiries");
    }

    @Test
    void anUnknownOutcomeNeedsAttentionUntilTheCaseCloses() throws Exception {
        unknownOutcome();

        JsonNode unknown = document("c2");
        assertThat(unknown.at("/checks/status").asText()).isEqualTo("credit-check-unknown");
        assertThat(unknown.at("/checks/applicant/detail").asText()).isEqualTo("no answer from UC within PT30S");
        assertThat(reader.view("view/needs-attention", 0, 10).members())
                .extracting(ProjectionReader.ViewPage.Member::caseId)
                .containsExactly("c2");
        assertThat(reader.count("view/awaiting-credit-check")).isZero();
        assertThat(reader.feed("case/c2/activity", "3-0", 10).get(0).fields().get("text"))
                .isEqualTo("UC credit check of the applicant has an unknown outcome (no answer from UC within PT30S);"
                        + " UC is not asked again, a person must resolve it");

        handle("c2", TestEvents.closed("c2", CloseReason.CREDIT_REJECTED, null));
        assertThat(reader.count("view/needs-attention")).isZero();
    }

    private void unknownOutcome() throws Exception {
        handle("c2", opened("c2", false));
        handle("c2", new IdentityVerified("c2", Party.APPLICANT, PNR));
        handle("c2", new CreditCheckReserved("c2", Party.APPLICANT));
        handle("c2", new CreditCheckOutcomeUnknown("c2", Party.APPLICANT, "no answer from UC within PT30S"));
    }

    @Test
    void rejectionsFailuresAndSkipsNeedAttentionPerParty() throws Exception {
        handle("c3", opened("c3", true));
        handle("c3", new IdentityVerified("c3", Party.APPLICANT, PNR));
        handle("c3", new IdentityRejected("c3", Party.CO_APPLICANT, IdentityRejectionReason.DECEASED, "UC W08020 05"));
        JsonNode mixed = document("c3");
        assertThat(mixed.at("/checks/status").asText()).isEqualTo("identity-rejected");
        assertThat(mixed.at("/checks/coApplicant/identityReason").asText()).isEqualTo("DECEASED");
        assertThat(reader.count("view/needs-attention")).isEqualTo(1);
        assertThat(reader.count("view/awaiting-credit-check")).isEqualTo(1);

        handle("c4", opened("c4", false));
        handle("c4", new CreditCheckSkipped("c4", Party.APPLICANT, CreditCheckSkipReason.STALE_TRIGGER, "PT11M old"));
        assertThat(document("c4").at("/checks/applicant/detail").asText()).isEqualTo("STALE_TRIGGER: PT11M old");

        handle("c5", opened("c5", false));
        handle("c5", new IdentityVerified("c5", Party.APPLICANT, PNR));
        handle("c5", new CreditCheckReserved("c5", Party.APPLICANT));
        handle("c5", new CreditCheckFailed("c5", Party.APPLICANT, "UC reply unreadable: W13111 is not a percentage"));
        assertThat(document("c5").at("/checks/status").asText()).isEqualTo("credit-check-failed");

        assertThat(reader.view("view/needs-attention", 0, 10).members())
                .extracting(ProjectionReader.ViewPage.Member::caseId)
                .containsExactly("c5", "c4", "c3");
    }

    @Test
    void aRebuildFromZeroIsByteIdenticalAndRedeliveryChangesNothing() throws Exception {
        rejectionsFailuresAndSkipsNeedAttentionPerParty();
        unknownOutcome();
        handle("c2", new CreditReportReceived("c2", Party.APPLICANT, REPORT));
        String live = REDIS.dump();
        assertThat(live).contains("view/needs-attention (zset)", "view/awaiting-credit-check (zset)");

        for (EventMessage<?> event : history) {
            handlers.handle(event);
        }
        assertThat(REDIS.dump()).isEqualTo(live);

        projection.reset();
        for (EventMessage<?> event : history) {
            handlers.handle(event);
        }
        assertThat(REDIS.dump()).isEqualTo(live);
    }
}
