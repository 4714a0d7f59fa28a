package se.caseflow.web.docstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.IncomeBand;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.testsupport.CommandPayloads;
import se.caseflow.web.DirectEvents;
import se.caseflow.web.PostgresApplicationTest;
import se.caseflow.web.TestUsers;

/**
 * Who reads which key, over {@code GET /api/docs/...} and the websocket alike: a partner reads its own partner keys
 * and nothing else (no other partner's, no staff key); staff read no partner key; malformed partner keys are
 * nobody's. A case is offered to partners A and B, and each bids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerAccessTest extends PostgresApplicationTest {

    static final String A = TestUsers.PARTNER_A_ID;
    static final String B = TestUsers.PARTNER_B_ID;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Autowired
    EventStore eventStore;

    @Autowired
    ProjectionReader reader;

    String caseId;

    enum Who {
        PARTNER_A(TestUsers.PARTNER_A, TestUsers.PARTNER_A_PASSWORD),
        PARTNER_B(TestUsers.PARTNER_B, TestUsers.PARTNER_B_PASSWORD),
        STAFF(TestUsers.STAFF, TestUsers.STAFF_PASSWORD);

        final String user;
        final String password;

        Who(String user, String password) {
            this.user = user;
            this.password = password;
        }

        HttpHeaders credentials() {
            HttpHeaders headers = new HttpHeaders();
            headers.setBasicAuth(user, password);
            return headers;
        }
    }

    @BeforeAll
    void offerACaseToPartnersAAndB() {
        caseId = openCase();
        offer(caseId);
        DirectEvents.append(
                eventStore,
                caseId,
                new BidPlaced(caseId, A, terms("5.95", 289_545)),
                new BidPlaced(caseId, B, terms("6.45", 295_311)));
        await("partner/" + A + "/case/" + caseId, 2);
        await("partner/" + B + "/case/" + caseId, 2);
    }

    Stream<Arguments> matrix() {
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        return Stream.of(
                // a partner reads its own partner keys
                allowed(Who.PARTNER_A, "partner/" + A + "/offers"),
                allowed(Who.PARTNER_A, "partner/" + A + "/case/{case}"),
                allowed(Who.PARTNER_B, "partner/" + B + "/offers"),
                allowed(Who.PARTNER_B, "partner/" + B + "/case/{case}"),
                // ... and no other partner's
                refused(Who.PARTNER_A, "partner/" + B + "/offers"),
                refused(Who.PARTNER_A, "partner/" + B + "/case/{case}"),
                refused(Who.PARTNER_B, "partner/" + A + "/offers"),
                refused(Who.PARTNER_B, "partner/" + A + "/case/{case}"),
                // ... and no staff or ops key
                refused(Who.PARTNER_A, "case/{case}"),
                refused(Who.PARTNER_A, "case/{case}/activity"),
                refused(Who.PARTNER_A, "case/{case}/sms"),
                refused(Who.PARTNER_A, "view/open"),
                refused(Who.PARTNER_A, "view/bidding"),
                refused(Who.PARTNER_A, "view/awaiting-signature"),
                refused(Who.PARTNER_A, "view/today/" + today),
                refused(Who.PARTNER_A, "sms/unmatched"),
                refused(Who.PARTNER_A, "ops/processors"),
                // malformed partner keys are nobody's
                refused(Who.PARTNER_A, "partner/" + A),
                refused(Who.PARTNER_A, "partner/" + A + "/bids"),
                refused(Who.PARTNER_A, "partner/" + A + "/offers/more"),
                refused(Who.PARTNER_A, "partner/" + A + "/case/{case}/activity"),
                refused(Who.PARTNER_A, "partner/PARTNER-A/offers"),
                refused(Who.PARTNER_A, "partner/" + "a".repeat(33) + "/offers"),
                refused(Who.PARTNER_A, "partner/" + A + "/case/"),
                // staff read the staff case document, never a partner key
                allowed(Who.STAFF, "case/{case}"),
                refused(Who.STAFF, "partner/" + A + "/offers"),
                refused(Who.STAFF, "partner/" + A + "/case/{case}"),
                refused(Who.STAFF, "partner/" + B + "/case/{case}"));
    }

    @ParameterizedTest(name = "{0} {1} {2} over GET /api/docs")
    @MethodSource("matrix")
    void oneOffReads(Who who, String outcome, String key) {
        WebTestClient.ResponseSpec response = http.get()
                .uri("/api/docs/" + key.replace("{case}", caseId))
                .headers(headers -> headers.setBasicAuth(who.user, who.password))
                .exchange();
        if (outcome.equals("reads")) {
            response.expectStatus().isOk();
        } else {
            response.expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://caseflow.se/problems/forbidden");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} over /ws/docs")
    @MethodSource("matrix")
    void subscriptions(Who who, String outcome, String key) throws Exception {
        String concrete = key.replace("{case}", caseId);
        try (SocketClient socket = SocketClient.connect(port, who.credentials())) {
            socket.send("{\"subscribe\": \"" + concrete + "\"}");
            JsonNode frame = socket.next(f -> f.path("key").asText().equals(concrete));
            if (outcome.equals("reads")) {
                assertThat(frame.has("error")).as(frame.toString()).isFalse();
                assertThat(frame.has("doc")).as(frame.toString()).isTrue();
            } else {
                assertThat(frame.path("error").asText()).isEqualTo("forbidden");
            }
        }
    }

    @Test
    void aPartnerSeesItsOwnBidOnlyAndItsOffersWithTheirCount() throws Exception {
        try (SocketClient socket = SocketClient.connect(port, Who.PARTNER_A.credentials())) {
            String key = "partner/" + A + "/case/" + caseId;
            socket.send("{\"subscribe\": \"" + key + "\"}");
            JsonNode document =
                    socket.next(f -> f.path("key").asText().equals(key)).get("doc");
            assertThat(document.at("/bid/terms/nominalRate").asText()).isEqualTo("5,95 %");
            assertThat(document.at("/bid/terms/monthlyCost").asText()).isEqualTo("2 895,45 kr");
            assertThat(document.get("outcome").asText()).isEqualTo("pending");
            // the other partner's rate as a number of its own (not the digits of a timestamp such as 15:37:06.451Z)
            assertThat(document.toString()).doesNotContainPattern("(?<![0-9])6[.,]45(?![0-9])");
            assertThat(document.toString()).doesNotContain("2 953,11", B);

            String offersKey = "partner/" + A + "/offers";
            socket.send("{\"subscribe\": \"" + offersKey + "\"}");
            JsonNode offers =
                    socket.next(f -> f.path("key").asText().equals(offersKey)).get("doc");
            assertThat(offers.get("count").asLong()).isPositive();
            assertThat(offers.get("members").toString()).contains(caseId);
        }
    }

    /** Another partner's bid, placed first, never touches A's document: the first copy pushed to A is its own bid. */
    @Test
    void aPartnersDocumentIsLiveAndMovesOnlyForWhatItMaySee() throws Exception {
        String other = openCase();
        offer(other);
        String key = "partner/" + A + "/case/" + other;
        await(key, 1);
        try (SocketClient socket = SocketClient.connect(port, Who.PARTNER_A.credentials())) {
            socket.send("{\"subscribe\": \"" + key + "\"}");
            assertThat(socket.next(f -> f.path("key").asText().equals(key))
                            .get("version")
                            .asLong())
                    .isEqualTo(1);

            DirectEvents.append(eventStore, other, new BidPlaced(other, B, terms("6.45", 295_311)));
            DirectEvents.append(eventStore, other, new BidPlaced(other, A, terms("4.99", 281_000)));
            JsonNode pushed = socket.next(f -> f.path("key").asText().equals(key));
            assertThat(pushed.get("version").asLong()).isEqualTo(2);
            assertThat(pushed.at("/doc/bid/terms/nominalRate").asText()).isEqualTo("4,99 %");
        }
    }

    private String openCase() {
        String id = http.post()
                .uri("/api/commands/OpenCase")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CommandPayloads.openCase())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("caseId")
                .asText();
        await("case/" + id, 1);
        return id;
    }

    /** Offers the case to partners A and B for a day. */
    private void offer(String id) {
        String closesAt = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        DirectEvents.append(
                eventStore,
                id,
                new BiddingOpened(
                        id,
                        List.of(A, B),
                        closesAt,
                        new PartnerCaseSummary(
                                150_000, 60, LoanPurpose.CONSOLIDATION, IncomeBand.FROM_30000_TO_44999, 4)));
    }

    private static Arguments allowed(Who who, String key) {
        return Arguments.of(who, "reads", key);
    }

    private static Arguments refused(Who who, String key) {
        return Arguments.of(who, "is refused", key);
    }

    private static BidTerms terms(String nominal, long monthlyCostOre) {
        BigDecimal rate = new BigDecimal(nominal);
        return new BidTerms(150_000, rate, rate.add(new BigDecimal("0.2")), 60, monthlyCostOre, "2099-12-31");
    }

    /** Waits until the document exists at {@code version} or later (read past the access policy). */
    private void await(String key, long version) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (reader.document(key).map(d -> d.version() >= version).orElse(false)) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(key + " did not reach version " + version);
    }
}
