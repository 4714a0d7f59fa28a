package se.caseflow.projections.partners;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.projections.EventLog;
import se.caseflow.projections.Notices;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/** What each partner sees of bidding, fed events directly on the real Redis: sealed bids, outcomes, redelivery, rebuild. */
class PartnerProjectionTest {

    static final TestRedis REDIS = TestRedis.create("partner-projection");

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant MORNING = Instant.parse("2026-11-25T08:30:00Z");
    static final String CLOSES = "2026-11-26T08:30:00Z";

    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final ProjectionReader reader = new ProjectionReader(REDIS.client(), REDIS.connection(), REDIS.prefix());
    final PartnerProjection projection = new PartnerProjection(store);
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
    final EventLog log = new EventLog(MORNING);

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    @AfterEach
    void wipe() {
        REDIS.deleteKeys();
    }

    /**
     * c1: a, b and c invited; a and b bid (a twice), b withdraws and bids again, c never bids; a's offer is accepted.
     * c2: a and b bid, the case closes without accepting anyone. c3: opened later, offered to a only, still open.
     */
    private void story() {
        log.add("c1", new NoteAdded("c1", 1, new ProtectedValue("before bidding")));
        log.add("c1", new BiddingOpened("c1", List.of("a", "b", "c"), CLOSES, EventLog.summary()));
        log.add("c2", new BiddingOpened("c2", List.of("a", "b"), CLOSES, EventLog.summary()));
        log.add("c1", new BidPlaced("c1", "a", EventLog.terms("5.95", 289_545, "2026-12-10")));
        log.add("c1", new BidPlaced("c1", "b", EventLog.terms("6.10", 291_000, "2026-12-10")));
        log.add("c1", new BidRevised("c1", "a", EventLog.terms("5.5", 285_000, "2026-12-10")));
        log.add("c1", new BidWithdrawn("c1", "b"));
        log.add("c1", new BidPlaced("c1", "b", EventLog.terms("5.4", 284_000, "2026-12-10")));
        log.add("c2", new BidPlaced("c2", "a", EventLog.terms("6", 290_000, "2026-12-10")));
        log.add("c2", new BidPlaced("c2", "b", EventLog.terms("7", 300_000, "2026-12-10")));
        log.add(
                "c1",
                new BiddingClosed(
                        "c1",
                        List.of(
                                new RankedOffer(1, "b", EventLog.terms("5.4", 284_000, "2026-12-10")),
                                new RankedOffer(2, "a", EventLog.terms("5.5", 285_000, "2026-12-10")))));
        log.add(
                "c2",
                new BiddingClosed(
                        "c2",
                        List.of(
                                new RankedOffer(1, "a", EventLog.terms("6", 290_000, "2026-12-10")),
                                new RankedOffer(2, "b", EventLog.terms("7", 300_000, "2026-12-10")))));
        log.add("c1", new OfferAccepted("c1", "a", EventLog.terms("5.5", 285_000, "2026-12-10")));
        log.add("c2", new CaseClosed("c2", CloseReason.OFFER_DECLINED, null));
        log.add("c3", new BiddingOpened("c3", List.of("a"), CLOSES, EventLog.summary()));
        log.add("c4", new CaseClosed("c4", CloseReason.DUPLICATE, null));
    }

    @Test
    void eachPartnerSeesTheSummaryItsOwnBidAndItsOutcome() throws Exception {
        log.add("c1", new NoteAdded("c1", 1, new ProtectedValue("before bidding")));
        handle(log.add("c1", new BiddingOpened("c1", List.of("a", "b", "c"), CLOSES, EventLog.summary())));
        JsonNode offered = document("a", "c1");
        assertThat(offered.get("version").asLong()).isEqualTo(1);
        assertThat(offered.get("status").asText()).isEqualTo("open");
        assertThat(offered.get("outcome").asText()).isEqualTo("pending");
        assertThat(offered.get("bid").isNull()).isTrue();
        assertThat(offered.get("closesAt").asText()).isEqualTo(CLOSES);
        assertThat(offered.get("closesAtLocal").asText()).isEqualTo("2026-11-26 09:30");
        assertThat(offered.at("/summary/amount").asText()).isEqualTo("150 000 kr");
        assertThat(offered.at("/summary/incomeBand").asText()).isEqualTo("FROM_30000_TO_44999");
        assertThat(offered.at("/summary/riskClass").asInt()).isEqualTo(4);

        handle(log.add("c1", new BidPlaced("c1", "a", EventLog.terms("5.95", 289_545, "2026-12-10"))));
        handle(log.add("c1", new BidPlaced("c1", "b", EventLog.terms("6.10", 291_000, "2026-12-10"))));
        JsonNode a = document("a", "c1");
        assertThat(a.get("version").asLong()).isEqualTo(2);
        assertThat(a.at("/bid/terms/nominalRate").asText()).isEqualTo("5,95 %");
        assertThat(a.at("/bid/terms/effectiveRate").asText()).isEqualTo("6,20 %");
        assertThat(a.at("/bid/terms/monthlyCost").asText()).isEqualTo("2 895,45 kr");
        assertThat(a.toString()).doesNotContain("6,10", "2 910,00", "\"b\"");
        assertThat(document("b", "c1").toString()).doesNotContain("5,95", "2 895,45", "\"a\"");
        assertThat(document("c", "c1").get("version").asLong())
                .as("other partners' bids leave c's document alone")
                .isEqualTo(1);

        handle(log.add("c1", new BidWithdrawn("c1", "b")));
        assertThat(document("b", "c1").get("bid").isNull()).isTrue();
        handle(log.add(
                "c1",
                new BiddingClosed(
                        "c1", List.of(new RankedOffer(1, "a", EventLog.terms("5.95", 289_545, "2026-12-10"))))));
        assertThat(outcomes("c1")).isEqualTo(Map.of("a", "closed pending", "b", "closed lost", "c", "closed lost"));
        handle(log.add("c1", new OfferAccepted("c1", "a", EventLog.terms("5.95", 289_545, "2026-12-10"))));
        assertThat(outcomes("c1")).isEqualTo(Map.of("a", "closed won", "b", "closed lost", "c", "closed lost"));
        handle(log.add("c1", new CaseClosed("c1", CloseReason.PAID_OUT, null)));
        assertThat(outcomes("c1")).as("the winner stays the winner").containsEntry("a", "closed won");
    }

    @Test
    void theOffersViewListsEachPartnersCasesNewestFirstAndTheOutcomesFollowTheCase() throws Exception {
        story();
        EventLog.handle(handlers, log.events());

        ProjectionReader.ViewPage offers = reader.view("partner/a/offers", 0, 10);
        assertThat(offers.count()).isEqualTo(3);
        assertThat(offers.members())
                .extracting(ProjectionReader.ViewPage.Member::caseId)
                .containsExactly("c3", "c2", "c1");
        assertThat(reader.view("partner/b/offers", 0, 10).members())
                .extracting(ProjectionReader.ViewPage.Member::caseId)
                .containsExactly("c2", "c1");
        assertThat(reader.count("partner/c/offers")).isEqualTo(1);

        assertThat(outcomes("c1")).isEqualTo(Map.of("a", "closed won", "b", "closed lost", "c", "closed lost"));
        assertThat(outcomes("c2"))
                .as("closed without accepting anyone")
                .isEqualTo(Map.of("a", "closed lost", "b", "closed lost"));
        assertThat(outcomes("c3")).isEqualTo(Map.of("a", "open pending"));
        assertThat(document("b", "c1").at("/bid/terms/nominalRate").asText())
                .as("b's own latest bid")
                .isEqualTo("5,40 %");
        assertThat(partnerKeys()).noneMatch(key -> key.contains("c4"));
    }

    @Test
    void redeliveredEventsChangeNothingAndPublishNothingAndARebuildFromZeroWritesTheSameKeys() throws Exception {
        story();
        EventLog.handle(handlers, log.events());
        String live = REDIS.dump();
        assertThat(live).contains("partner/a/offers", "partner/c/case/c1", "applied/partner/c1");

        Notices notices = new Notices();
        try (AutoCloseable subscription = reader.subscribe(notices)) {
            EventLog.handle(handlers, log.events().subList(1, 9));
            handlers.handle(log.events().get(log.events().size() - 3));
            assertThat(REDIS.dump()).isEqualTo(live);
            handlers.handle(new EventLog(log.now())
                    .add("barrier", new BiddingOpened("barrier", List.of("a"), CLOSES, EventLog.summary())));

            assertThat(notices.before(notice -> notice.contains("barrier")))
                    .as("notices of the redelivered events")
                    .isEmpty();
        }

        projection.reset();
        assertThat(partnerKeys()).isEmpty();
        EventLog.handle(handlers, log.events());
        assertThat(REDIS.dump()).isEqualTo(live);
    }

    private void handle(org.axonframework.eventhandling.EventMessage<?> event) throws Exception {
        handlers.handle(event);
    }

    private JsonNode document(String partnerId, String caseId) throws Exception {
        return JSON.readTree(reader.document(PartnerProjection.documentKey(partnerId, caseId))
                .orElseThrow()
                .json());
    }

    /** partner id -> "status outcome" for every partner with a document of the case. */
    private Map<String, String> outcomes(String caseId) throws Exception {
        Map<String, String> outcomes = new TreeMap<>();
        for (String key : partnerKeys()) {
            if (key.endsWith("/case/" + caseId)) {
                JsonNode document =
                        JSON.readTree(reader.document(key).orElseThrow().json());
                outcomes.put(
                        document.get("partnerId").asText(),
                        document.get("status").asText() + " "
                                + document.get("outcome").asText());
            }
        }
        return outcomes;
    }

    /** The logical keys of this projection (the partner documents and views, its state and positions). */
    private List<String> partnerKeys() {
        return REDIS.keys().stream()
                .filter(key -> key.startsWith("partner/")
                        || key.startsWith("partner-state/")
                        || key.startsWith("applied/partner/"))
                .toList();
    }
}
