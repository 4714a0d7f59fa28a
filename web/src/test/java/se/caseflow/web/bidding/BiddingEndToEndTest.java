package se.caseflow.web.bidding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.ConfirmIdentity;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.domain.api.RecordCreditReport;
import se.caseflow.domain.api.ReserveCreditCheck;
import se.caseflow.domain.api.SmsRequested;
import se.caseflow.domain.api.SmsTemplate;
import se.caseflow.domain.gate.CommandGate;
import se.caseflow.domain.gate.CommandOutcome;
import se.caseflow.domain.gate.CommandRequest;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.testsupport.PostgresTestDatabase;
import se.caseflow.testsupport.RedisTestPrefix;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;
import se.caseflow.web.config.GateNames;

/**
 * A whole case through both gates to its payout, on the real PostgreSQL: the bidding saga opens bidding after the
 * credit report, two partners bid through the partner gate, the real {@code DbSchedulerDeadlineManager} closes
 * the short window, staff accept, send and record the debt letter, and the payout closes the case. The credit
 * report is recorded with the internal commands the UC saga would send (UC is off in these tests).
 *
 * <p>An application of its own on a database of its own ({@link PostgresApplicationTest#register}, like
 * {@code CaseViewerScreenshotTest}): a second application on the shared test database would run the bidding
 * saga too, with the default 24-hour window.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "caseflow.bidding.window=PT8S",
            "caseflow.bidding.partners[0].id=nordbank",
            "caseflow.bidding.partners[0].name=Nordbank",
            "caseflow.bidding.partners[0].min-amount-sek=20000",
            "caseflow.bidding.partners[0].max-amount-sek=600000",
            "caseflow.bidding.partners[0].min-term-months=12",
            "caseflow.bidding.partners[0].max-term-months=144",
            "caseflow.bidding.partners[0].minimum-risk-class=2",
            "caseflow.bidding.partners[1].id=fjordkredit",
            "caseflow.bidding.partners[1].name=Fjordkredit",
            "caseflow.bidding.partners[1].min-amount-sek=10000",
            "caseflow.bidding.partners[1].max-amount-sek=350000",
            "caseflow.bidding.partners[1].min-term-months=6",
            "caseflow.bidding.partners[1].max-term-months=120",
            "caseflow.bidding.partners[1].minimum-risk-class=3",
            "db-scheduler.polling-interval=PT1S",
            // snapshots every few events: the bidding state is loaded from a snapshot on the way
            "caseflow.axon.snapshot-threshold=4"
        })
@ActiveProfiles("postgres")
@Import(TestUsers.class)
// an application of its own: closed afterwards, so its processors do not load the tests after it
@DirtiesContext
class BiddingEndToEndTest {

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("bidding");
    private static final RedisTestPrefix REDIS = RedisTestPrefix.create("bidding");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static {
        SpringApplication.getShutdownHandlers().add(DATABASE::close);
        SpringApplication.getShutdownHandlers().add(REDIS::close);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresApplicationTest.register(registry, DATABASE, REDIS);
    }

    @Autowired
    CommandGate staffGate;

    @Autowired
    @Qualifier(GateNames.PARTNER)
    CommandGate partnerGate;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry meters;

    private static final BidTerms NORDBANK =
            new BidTerms(150_000, new BigDecimal("5.95"), new BigDecimal("6.23"), 60, 289_700, "2099-12-31");
    private static final BidTerms FJORDKREDIT =
            new BidTerms(150_000, new BigDecimal("5.49"), new BigDecimal("5.81"), 60, 286_100, "2099-12-31");

    @Test
    void aCaseGoesFromItsCreditReportThroughBiddingToItsPayout() throws Exception {
        String caseId = accepted(staff("OpenCase", CommandPayloads.openCase())).aggregateId();

        // what the UC saga would record for a good report: risk 2,4 % is class 3, so both partners match
        report(caseId, Party.APPLICANT, "2.4");

        BiddingOpened opened = awaitEvent(caseId, BiddingOpened.class, e -> true);
        assertThat(opened.invitedPartners()).containsExactly("nordbank", "fjordkredit");
        assertThat(opened.summary().riskClass()).isEqualTo(3);

        double placedBefore = placedBids();
        accepted(partner("PlaceBid", bid(caseId, "nordbank", NORDBANK)));
        accepted(partner("PlaceBid", bid(caseId, "fjordkredit", NORDBANK)));
        accepted(partner("ReviseBid", bid(caseId, "fjordkredit", FJORDKREDIT)));
        // the staff gate does not know partner commands, and the partner gate knows nothing else
        assertThat(staff("PlaceBid", bid(caseId, "nordbank", NORDBANK)))
                .isEqualTo(new CommandOutcome.UnknownType("PlaceBid"));
        assertThat(partner("AcceptOffer", "{\"caseId\":\"" + caseId + "\",\"partnerId\":\"nordbank\"}"))
                .isEqualTo(new CommandOutcome.UnknownType("AcceptOffer"));
        http.post()
                .uri("/api/commands/PlaceBid")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bid(caseId, "nordbank", NORDBANK))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://caseflow.se/problems/unknown-command");

        assertThat(placedBids() - placedBefore)
                .as("the partner gate's answers are metered like the staff gate's")
                .isEqualTo(2);

        // the window's deadline fires on db-scheduler and ranks the bids
        BiddingClosed closed = awaitEvent(caseId, BiddingClosed.class, e -> true);
        assertThat(closed.offers())
                .containsExactly(
                        new RankedOffer(1, "fjordkredit", FJORDKREDIT), new RankedOffer(2, "nordbank", NORDBANK));
        assertThat(jdbc.queryForObject(
                        "SELECT gate FROM idempotency_key WHERE idem_key LIKE ?",
                        String.class,
                        "bidding-window:" + caseId + "/%"))
                .as("the firing sent CloseBidding through the internal gate, keyed by the deadline")
                .isEqualTo("internal");
        assertThat(partner("ReviseBid", bid(caseId, "nordbank", FJORDKREDIT)))
                .isInstanceOfSatisfying(
                        CommandOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("bidding-closed"));
        SmsRequested offersReady =
                awaitEvent(caseId, SmsRequested.class, e -> e.templateId() == SmsTemplate.OFFERS_READY);
        assertThat(offersReady.messageId())
                .isEqualTo(UUID.nameUUIDFromBytes((caseId + "offers-ready").getBytes(StandardCharsets.UTF_8))
                        .toString());

        accepted(staff("AcceptOffer", "{\"caseId\":\"" + caseId + "\",\"partnerId\":\"fjordkredit\"}"));
        accepted(staff("SendDebtLetter", "{\"caseId\":\"" + caseId + "\"}"));
        awaitEvent(caseId, SmsRequested.class, e -> e.templateId() == SmsTemplate.DEBT_LETTER_SENT);
        assertThat(reminderDeadlines()).isEqualTo(1);
        accepted(staff("RecordDebtLetterSigned", "{\"caseId\":\"" + caseId + "\"}"));
        assertThat(reminderDeadlines())
                .as("the reminder is cancelled when the letter is signed")
                .isZero();
        accepted(staff("RecordPayout", "{\"caseId\":\"" + caseId + "\",\"amountSek\":150000}"));

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, caseId))
                .isPositive();
        assertThat(eventTypes(caseId))
                .containsSubsequence(
                        "CaseOpened",
                        "CreditReportReceived",
                        "BiddingOpened",
                        "BidPlaced",
                        "BidPlaced",
                        "BidRevised",
                        "BiddingClosed",
                        "SmsRequested",
                        "OfferAccepted",
                        "DebtLetterSent",
                        "DebtLetterSigned",
                        "PaidOut",
                        "CaseClosed")
                .containsOnlyOnce("BiddingOpened", "BiddingClosed", "PaidOut");
    }

    /**
     * One of the two reports' {@code OpenBidding} is refused in the saga's unit of work (a report missing, or
     * bidding already opened): that refusal must not roll back the saga's transaction, or its processor would be
     * stuck on that event for ever.
     */
    @Test
    void aCaseWithACoApplicantOpensBiddingOnTheSecondReport() throws Exception {
        String caseId = accepted(staff("OpenCase", withCoApplicant(CommandPayloads.openCase())))
                .aggregateId();

        report(caseId, Party.APPLICANT, "0.4");
        report(caseId, Party.CO_APPLICANT, "12.5");

        BiddingOpened opened = awaitEvent(caseId, BiddingOpened.class, e -> true);
        assertThat(opened.summary().riskClass()).as("the worse of the two").isEqualTo(2);
        assertThat(opened.invitedPartners()).containsExactly("nordbank");
        assertThat(eventTypes(caseId)).containsOnlyOnce("BiddingOpened");

        // the saga went on past the refused report: it tells the applicant when the offers are ready
        accepted(partner("PlaceBid", bid(caseId, "nordbank", NORDBANK)));
        awaitEvent(caseId, SmsRequested.class, e -> e.templateId() == SmsTemplate.OFFERS_READY);
    }

    private void report(String caseId, Party party, String riskPercent) {
        commandGateway.sendAndWait(new ConfirmIdentity(caseId, party, new ProtectedValue("t")));
        commandGateway.sendAndWait(new ReserveCreditCheck(caseId, party));
        commandGateway.sendAndWait(new RecordCreditReport(
                caseId, party, new CreditReport(new BigDecimal(riskPercent), 150_000L, 312_000L, 0, 0, 1)));
    }

    private static String withCoApplicant(String openCase) {
        return openCase.replace("\"loan\"", """
                "coApplicant": {
                    "personalNumber": "19811218-9876",
                    "firstName": "Tolva",
                    "lastName": "Tolvansson",
                    "mobilePhone": "070-174 06 06",
                    "email": "tolva@example.se",
                    "address": {"street": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm"}
                  },
                  "loan\"""");
    }

    private double placedBids() {
        var timer = meters.find("caseflow.commands")
                .tag("type", "PlaceBid")
                .tag("outcome", "accepted")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private int reminderDeadlines() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks"
                        + " WHERE position(convert_to('debt-letter-reminder', 'UTF8') in task_data) > 0",
                Integer.class);
    }

    private static String bid(String caseId, String partnerId, BidTerms terms) throws Exception {
        return JSON.writeValueAsString(new Bid(caseId, partnerId, terms));
    }

    private record Bid(String caseId, String partnerId, BidTerms terms) {}

    private CommandOutcome staff(String type, String json) throws Exception {
        return submit(staffGate, new CommandRequest(type, JSON.readTree(json), null, "test"));
    }

    private CommandOutcome partner(String type, String json) throws Exception {
        return submit(partnerGate, new CommandRequest(type, JSON.readTree(json), null, "test-partner"));
    }

    /** As a client does: the sagas append to the same case meanwhile, so a concurrent change is sent again. */
    private static CommandOutcome submit(CommandGate gate, CommandRequest request) {
        CommandOutcome outcome = gate.submit(request);
        for (int attempt = 1;
                attempt < 5
                        && outcome instanceof CommandOutcome.Refused refused
                        && refused.code().equals("concurrent-change");
                attempt++) {
            outcome = gate.submit(request);
        }
        return outcome;
    }

    private static CommandOutcome.Accepted accepted(CommandOutcome outcome) {
        assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class);
        return (CommandOutcome.Accepted) outcome;
    }

    private List<? extends DomainEventMessage<?>> events(String caseId) {
        return eventStore.readEvents(caseId, 0).asStream().toList();
    }

    private List<String> eventTypes(String caseId) {
        return events(caseId).stream()
                .map(e -> e.getPayloadType().getSimpleName())
                .toList();
    }

    private <T> T awaitEvent(String caseId, Class<T> type, Predicate<T> matching) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (DomainEventMessage<?> event : events(caseId)) {
                if (type.isInstance(event.getPayload()) && matching.test(type.cast(event.getPayload()))) {
                    return type.cast(event.getPayload());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type.getSimpleName() + " on case " + caseId + " within " + PATIENCE
                + "; events: " + eventTypes(caseId));
    }
}
