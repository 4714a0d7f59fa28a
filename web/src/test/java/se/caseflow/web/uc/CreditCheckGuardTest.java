package se.caseflow.web.uc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.creditreport.CreditCheckProcedure;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.uc.UcSimulator;

/**
 * The rule that must never break: one UC credit report per case and applicant, never for an old event. The
 * whole application on PostgreSQL and Redis against a fake UC that counts every request: the happy path
 * over HTTP, the reservation committed before UC is called, a trigger delivered again, a reset and a forced
 * replay, a stale trigger, and two nodes racing the same case. (A crash between reservation and answer:
 * {@link CrashBetweenReservationAndAnswerTest}.)
 */
class CreditCheckGuardTest {

    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("uc");
    static final RedisTestPrefix REDIS = RedisTestPrefix.create("uc");
    static final UcSimulator UC = UcSimulator.forTests();
    static final TestClock CLOCK = new TestClock();
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger PEOPLE = new AtomicInteger(100_000 + (int) (System.nanoTime() % 1000) * 1000);
    static final String IDENTITY = "identityCheck";
    static final String REPORT = "individualReport";

    static Path keyFile;
    static ConfigurableApplicationContext node;
    static WebTestClient http;
    static JdbcTemplate jdbc;

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockOverride {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        keyFile = Files.createTempDirectory("caseflow-uc-keys").resolve("keys.json");
        node = UcNode.start(UcNodes.arguments(DATABASE, REDIS, UC, keyFile, "PT5S"), ClockOverride.class);
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + node.getEnvironment().getProperty("local.server.port"))
                .defaultHeaders(headers -> headers.setBasicAuth(UcNodes.STAFF, UcNodes.STAFF_PASSWORD))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        jdbc = node.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        UC.close();
        DATABASE.close();
        REDIS.close();
    }

    @Test
    void openingACaseOverHttpEndsWithTheCreditReportOnItsDocument() throws Exception {
        String personalNumber = nextPerson();
        String ref = UcNodes.objectRef(personalNumber);
        String caseId = open(personalNumber);

        JsonNode doc = awaitDocument(caseId, d -> status(d).equals("credit-check-received"));
        assertThat(doc.at("/checks/applicant/identity").asText()).isEqualTo("VERIFIED");
        JsonNode report = doc.at("/checks/applicant/report");
        assertThat(report.get("riskPercent").decimalValue()).isEqualByComparingTo("3.7");
        assertThat(report.get("risk").asText()).isEqualTo("3,7 %");
        assertThat(report.get("recommendedCreditSek").asLong()).isEqualTo(200_000);
        assertThat(report.get("yearlyIncomeSek").asLong()).isEqualTo(420_000);
        assertThat(report.get("paymentRemarks").asInt()).isEqualTo(2);
        assertThat(report.get("paymentRemarksSumSek").asLong()).isEqualTo(12_500);
        assertThat(report.get("recentInquiries").asInt()).isEqualTo(4);
        assertThat(UC.count(IDENTITY, ref)).isEqualTo(1);
        assertThat(UC.count(REPORT, ref)).isEqualTo(1);
        assertThat(eventTypes(caseId))
                .containsExactly("CaseOpened", "IdentityVerified", "CreditCheckReserved", "CreditReportReceived");

        http.get()
                .uri("/api/docs/case/{id}", caseId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.doc.checks.status")
                .isEqualTo("credit-check-received");
        for (String view : List.of("awaiting-credit-check", "needs-attention")) {
            http.get().uri("/api/docs/view/" + view).exchange().expectStatus().isOk();
        }
        assertThat(reader().feed("case/" + caseId + "/activity", null, 10))
                .extracting(e -> e.fields().get("type"))
                .containsExactly("CaseOpened", "IdentityVerified", "CreditCheckReserved", "CreditReportReceived");

        // personnummer only as tokens in events, and every unwrap by the adapter audited
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?"
                                + " OR convert_from(payload, 'UTF8') LIKE ?",
                        Integer.class,
                        "%" + personalNumber + "%",
                        "%" + ref + "%"))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM secrets_unwrap_audit WHERE caller = 'UC_ADAPTER' AND kind = 'PERSONAL_NUMBER'"
                                + " AND outcome = 'REVEALED'",
                        Integer.class))
                .isGreaterThanOrEqualTo(2);

        // a second case for the same person: the identity result comes from the cache, the report is the new case's own
        String second = open(personalNumber);
        awaitDocument(second, d -> status(d).equals("credit-check-received"));
        assertThat(UC.count(IDENTITY, ref)).isEqualTo(1);
        assertThat(UC.count(REPORT, ref)).isEqualTo(2);
    }

    /**
     * A reply whose term holds personal data where a code or a number belongs (a name and a personnummer in the
     * register status, then in the risk): the identity check is rejected and the credit check fails with UC's
     * W-code and what it expects, and no stored event (nor the read side) holds the value.
     */
    @Test
    void personalDataInAMalformedTermOfUcsReplyReachesNoEvent() throws Exception {
        // not the applicant's name (this class's cases are all Tolvan Tolvansson's)
        String quoted = "Signe Sekretessdotter 19460322-5517";
        String rejected;
        String failed;
        try {
            UC.personStatus(quoted);
            rejected = open(nextPerson());
            JsonNode doc = awaitDocument(rejected, d -> status(d).equals("identity-rejected"));
            assertThat(eventPayload(rejected, "IdentityRejected"))
                    .contains("CHECK_FAILED", "UC's W08020 (register status) is not a two-digit code");
            UC.personStatus(null).risk(quoted);
            failed = open(nextPerson());
            JsonNode failedDoc = awaitDocument(failed, d -> status(d).equals("credit-check-failed"));
            assertThat(eventPayload(failed, "CreditCheckFailed"))
                    .contains("UC's W13111 (risk) is not a percentage between 0 and 100 (like 12,5 %)");
            assertThat(List.of(doc.toString(), failedDoc.toString()))
                    .as("the read side")
                    .allSatisfy(text -> assertThat(text).doesNotContain("Sekretessdotter", "460322"));
        } finally {
            UC.personStatus(null).risk("3,7 %");
        }
        for (String caseId : List.of(rejected, failed)) {
            assertThat(jdbc.queryForList(
                            "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?",
                            String.class,
                            caseId))
                    .as("every stored event of %s", caseId)
                    .isNotEmpty()
                    .allSatisfy(payload -> assertThat(payload).doesNotContain("Sekretessdotter", "460322"));
        }
    }

    private static String eventPayload(String caseId, String type) {
        return jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype LIKE ?",
                String.class,
                caseId,
                "%." + type);
    }

    @Test
    void theReservationIsCommittedBeforeUcIsCalledAndNoAnswerLeavesTheCaseUnknown() throws Exception {
        String personalNumber = nextPerson();
        String ref = UcNodes.objectRef(personalNumber);
        UC.behave(REPORT, UcSimulator.Behaviour.HOLD);
        try {
            String caseId = open(personalNumber);
            await(() -> UC.count(REPORT, ref) == 1);
            // UC holds the request: the reservation is already committed and visible to any other connection
            assertThat(eventTypes(caseId)).containsExactly("CaseOpened", "IdentityVerified", "CreditCheckReserved");

            JsonNode doc = awaitDocument(caseId, d -> status(d).equals("credit-check-unknown"));
            assertThat(doc.at("/checks/applicant/detail").asText())
                    .isEqualTo("No answer from UC within caseflow.uc.read-timeout");
            assertThat(reader().view("view/needs-attention", 0, 1000).members())
                    .anyMatch(m -> m.caseId().equals(caseId));
            assertThat(UC.count(REPORT, ref)).isEqualTo(1);
            assertThat(eventTypes(caseId)).endsWith("CreditCheckReserved", "CreditCheckOutcomeUnknown");
        } finally {
            UC.behave(REPORT, UcSimulator.Behaviour.ANSWER);
        }
    }

    @Test
    void aTriggerDeliveredAgainFindsTheReservationAndNeverCallsUcAgain() throws Exception {
        String personalNumber = nextPerson();
        String caseId = open(personalNumber);
        awaitDocument(caseId, d -> status(d).equals("credit-check-received"));
        List<String> before = eventTypes(caseId);

        StreamingEventProcessor processor = processor(node, ProcessingGroups.UC_CREDIT_CHECK);
        processor.shutDown();
        long verifiedAt = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                Long.class,
                caseId,
                "%IdentityVerified");
        inTransaction(() -> node.getBean(TokenStore.class)
                .storeToken(
                        GapAwareTrackingToken.newInstance(verifiedAt - 1, List.of()),
                        ProcessingGroups.UC_CREDIT_CHECK,
                        0));
        processor.start();
        awaitSentinelCase();

        assertThat(UC.count(REPORT, UcNodes.objectRef(personalNumber))).isEqualTo(1);
        assertThat(eventTypes(caseId)).isEqualTo(before);
    }

    @Test
    void neitherAResetNorAForcedReplayNorLostTokensMakeTheSagasAct() throws Exception {
        String personalNumber = nextPerson();
        String caseId = open(personalNumber);
        awaitDocument(caseId, d -> status(d).equals("credit-check-received"));
        int reports = UC.count(REPORT);
        int identities = UC.count(IDENTITY);
        long events = totalEvents();

        for (String name : List.of(ProcessingGroups.UC_IDENTITY_CHECK, ProcessingGroups.UC_CREDIT_CHECK)) {
            StreamingEventProcessor processor = processor(node, name);
            processor.shutDown();
            assertThat(processor.supportsReset()).as(name).isFalse();
            assertThatThrownBy(processor::resetTokens).as(name).hasMessageContaining("reset");
            // forced anyway, behind Axon's back: a replay token over the whole stream
            long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
            inTransaction(() -> node.getBean(TokenStore.class)
                    .storeToken(
                            ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(head, List.of())),
                            name,
                            0));
            processor.start();
        }
        awaitReplayed();
        // the only calls and events since: those of the sentinel case opened after the replay
        assertThat(UC.count(REPORT)).isEqualTo(reports + 1);
        assertThat(UC.count(IDENTITY)).isEqualTo(identities + 1);
        assertThat(totalEvents()).isEqualTo(events + 4);

        // an ops mistake: the tokens deleted; the processors start again at the head of the stream
        for (String name : List.of(ProcessingGroups.UC_IDENTITY_CHECK, ProcessingGroups.UC_CREDIT_CHECK)) {
            StreamingEventProcessor processor = processor(node, name);
            processor.shutDown();
            jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", name);
            processor.start();
        }
        awaitSentinelCase();
        assertThat(UC.count(REPORT)).isEqualTo(reports + 2);
        assertThat(UC.count(IDENTITY)).isEqualTo(identities + 2);
        assertThat(totalEvents()).isEqualTo(events + 8);
        assertThat(eventTypes(caseId))
                .containsExactly("CaseOpened", "IdentityVerified", "CreditCheckReserved", "CreditReportReceived");
    }

    @Test
    void aTriggerOlderThanTheLimitIsSkippedWithoutAskingUc() throws Exception {
        List<StreamingEventProcessor> sagas = List.of(
                processor(node, ProcessingGroups.UC_IDENTITY_CHECK), processor(node, ProcessingGroups.UC_CREDIT_CHECK));
        sagas.forEach(StreamingEventProcessor::shutDown);
        String personalNumber = nextPerson();
        String caseId;
        try {
            caseId = open(personalNumber);
            awaitDocument(caseId, d -> d.get("version").asLong() == 1);
            CLOCK.advance(Duration.ofMinutes(11));
            sagas.forEach(StreamingEventProcessor::start);
            JsonNode doc = awaitDocument(caseId, d -> status(d).equals("credit-check-skipped"));
            assertThat(doc.at("/checks/applicant/detail").asText()).startsWith("STALE_TRIGGER: case opened ");
        } finally {
            CLOCK.reset();
            sagas.forEach(StreamingEventProcessor::start);
        }
        assertThat(eventTypes(caseId)).containsExactly("CaseOpened", "CreditCheckSkipped");
        assertThat(UC.count(IDENTITY, UcNodes.objectRef(personalNumber))).isZero();
        assertThat(UC.count(REPORT, UcNodes.objectRef(personalNumber))).isZero();
        assertThat(reader().view("view/needs-attention", 0, 1000).members())
                .anyMatch(m -> m.caseId().equals(caseId));
    }

    @Test
    void twoNodesOnOneDatabaseTakeOneReportPerCaseEvenWhenRacingTheSameCase() throws Exception {
        try (ConfigurableApplicationContext other =
                UcNode.start(UcNodes.arguments(DATABASE, REDIS, UC, keyFile, "PT5S"))) {
            // both nodes running their processors: every case gets exactly one report
            List<String> people =
                    IntStream.range(0, 6).mapToObj(i -> nextPerson()).toList();
            List<String> cases = people.stream().map(this::openQuietly).toList();
            for (String caseId : cases) {
                awaitDocument(caseId, d -> status(d).equals("credit-check-received"));
            }
            for (String personalNumber : people) {
                assertThat(UC.count(REPORT, UcNodes.objectRef(personalNumber))).isEqualTo(1);
            }

            // the same trigger run on both nodes at the same moment
            List<StreamingEventProcessor> creditProcessors = List.of(
                    processor(node, ProcessingGroups.UC_CREDIT_CHECK),
                    processor(other, ProcessingGroups.UC_CREDIT_CHECK));
            creditProcessors.forEach(StreamingEventProcessor::shutDown);
            String personalNumber = nextPerson();
            String caseId;
            try {
                caseId = race(other, personalNumber);
            } finally {
                creditProcessors.forEach(StreamingEventProcessor::start);
            }
            awaitDocument(caseId, d -> status(d).equals("credit-check-received"));

            // the processors, started again on both nodes, delivered the trigger once more: nothing happened
            awaitSentinelCase();
            assertThat(UC.count(REPORT, UcNodes.objectRef(personalNumber))).isEqualTo(1);
            assertThat(eventTypes(caseId))
                    .filteredOn("CreditCheckReserved"::equals)
                    .hasSize(1);
            assertThat(eventTypes(caseId)).last().isEqualTo("CreditReportReceived");
        }
    }

    /** Runs the credit check of a new case's applicant on both nodes at the same moment; the case id. */
    private String race(ConfigurableApplicationContext other, String personalNumber) throws Exception {
        String caseId = open(personalNumber);
        awaitDocument(caseId, d -> status(d).equals("awaiting-credit-check"));
        DomainEventMessage<?> verified = node.getBean(EventStore.class)
                .readEvents(caseId)
                .asStream()
                .filter(e -> e.getPayload() instanceof IdentityVerified)
                .findFirst()
                .orElseThrow();
        IdentityVerified trigger = (IdentityVerified) verified.getPayload();
        Instant at = verified.getTimestamp();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = List.of(node, other).stream()
                    .<Future<?>>map(n -> pool.submit(() -> {
                        together.await();
                        n.getBean(CreditCheckProcedure.class)
                                .run(verified.getIdentifier(), caseId, Party.APPLICANT, trigger.personalNumber(), at);
                        return null;
                    }))
                    .toList();
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(UC.count(REPORT, UcNodes.objectRef(personalNumber))).isEqualTo(1);
        return caseId;
    }

    // ---- helpers ----

    private static String nextPerson() {
        return UcNodes.personalNumber(PEOPLE.incrementAndGet());
    }

    private String openQuietly(String personalNumber) {
        try {
            return open(personalNumber);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String open(String personalNumber) throws Exception {
        byte[] body = http.post()
                .uri("/api/commands/OpenCase")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(UcNodes.openCase(personalNumber))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).get("caseId").asText();
    }

    /** A new case checked to the end: the single-segment saga processors have handled everything before it. */
    private static void awaitSentinelCase() throws Exception {
        String caseId = open(nextPerson());
        awaitDocument(caseId, d -> status(d).equals("credit-check-received"));
    }

    /**
     * Both saga processors are past their replay: a sentinel case opened after it was handled normally, and the
     * single-segment processors handle events in order.
     */
    private static void awaitReplayed() throws Exception {
        awaitSentinelCase();
    }

    private static StreamingEventProcessor processor(ConfigurableApplicationContext context, String name) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private static List<String> eventTypes(String caseId) {
        return UcNodes.eventTypes(jdbc, caseId);
    }

    private static long totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private static void inTransaction(Runnable work) {
        new TransactionTemplate(node.getBean(PlatformTransactionManager.class)).executeWithoutResult(s -> work.run());
    }

    private static ProjectionReader reader() {
        return node.getBean(ProjectionReader.class);
    }

    private static String status(JsonNode document) {
        return UcNodes.status(document);
    }

    static JsonNode awaitDocument(String caseId, Predicate<JsonNode> condition) throws Exception {
        return UcNodes.awaitDocument(reader(), caseId, condition);
    }

    static void await(UcNodes.Check check) throws Exception {
        UcNodes.await(check);
    }
}
