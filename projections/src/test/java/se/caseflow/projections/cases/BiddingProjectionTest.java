package se.caseflow.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.projections.EventLog;
import se.caseflow.projections.read.ProjectionReader;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/** The staff side of bidding, the debt letter and follow-ups: the case document, its feed and the views. */
class BiddingProjectionTest {

    static final TestRedis REDIS = TestRedis.create("bidding-projection");

    static final ObjectMapper JSON = new ObjectMapper();
    // 09:30 in Stockholm (CET, UTC+1)
    static final Instant MORNING = Instant.parse("2026-11-25T08:30:00Z");
    static final Instant CLOSES = Instant.parse("2026-11-26T08:40:00Z");

    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final ProjectionReader reader = new ProjectionReader(REDIS.client(), REDIS.connection(), REDIS.prefix());
    final CaseProjection projection = new CaseProjection(store, (token, caller, purpose) -> TestEvents.unwrap(token));
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

    @Test
    void aCaseMovesThroughBiddingTheDebtLetterAndPayoutAndTheViews() throws Exception {
        add("c1", TestEvents.opened("c1", "Anna Svensson", 150_000, 60, LoanPurpose.CONSOLIDATION), MORNING);
        add(
                "c1",
                new BiddingOpened(
                        "c1", List.of("fjordkredit", "lanekassan", "nordbank"), CLOSES.toString(), EventLog.summary()),
                MORNING.plusSeconds(600));

        JsonNode opened = document("c1");
        assertThat(opened.at("/bidding/status").asText()).isEqualTo("open");
        assertThat(opened.at("/bidding/stage").asText()).isEqualTo("bidding-open");
        assertThat(opened.at("/bidding/closesAt").asText()).isEqualTo("2026-11-26T08:40:00Z");
        assertThat(opened.at("/bidding/closesAtLocal").asText()).isEqualTo("2026-11-26 09:40");
        assertThat(opened.at("/bidding/summary/incomeBandLabel").asText()).isEqualTo("30 000–44 999 kr");
        assertThat(opened.at("/bidding/invitedPartners")).hasSize(3);
        assertThat(opened.at("/nextAction/code").asText()).isEqualTo("AWAIT_BIDS");
        assertThat(members("view/bidding")).containsExactly("c1");
        assertThat(reader.view("view/bidding", 0, 1).members().get(0).score()).isEqualTo(CLOSES.toEpochMilli());
        assertThat(members(today(2026, 11, 25)))
                .as("waiting for partners is nothing to do today")
                .isEmpty();

        add("c1", new BidPlaced("c1", "nordbank", EventLog.terms("5.95", 289_545, "2026-12-10")));
        add("c1", new BidPlaced("c1", "fjordkredit", EventLog.terms("6.4", 295_000, "2026-12-10")));
        add("c1", new BidPlaced("c1", "lanekassan", EventLog.terms("7", 301_000, "2026-12-10")));
        add("c1", new BidRevised("c1", "nordbank", EventLog.terms("5.9", 288_000, "2026-12-11")));
        add("c1", new BidWithdrawn("c1", "lanekassan"));

        JsonNode bids = document("c1").at("/bidding/bids");
        assertThat(bids).extracting(b -> b.get("partnerId").asText()).containsExactly("fjordkredit", "nordbank");
        JsonNode nordbank = bids.get(1);
        assertThat(nordbank.at("/terms/nominalRate").asText()).isEqualTo("5,90 %");
        assertThat(nordbank.at("/terms/effectiveRate").asText()).isEqualTo("6,15 %");
        assertThat(nordbank.at("/terms/monthlyCost").asText()).isEqualTo("2 880,00 kr");
        assertThat(nordbank.at("/terms/monthlyCostOre").asLong()).isEqualTo(288_000);
        assertThat(nordbank.at("/terms/amount").asText()).isEqualTo("150 000 kr");
        assertThat(nordbank.get("revisedAt").isNull()).isFalse();
        assertThat(bids.get(0).get("revisedAt").isNull()).isTrue();

        RankedOffer first = new RankedOffer(1, "nordbank", EventLog.terms("5.9", 288_000, "2026-12-11"));
        RankedOffer second = new RankedOffer(2, "fjordkredit", EventLog.terms("6.4", 295_000, "2026-12-10"));
        add("c1", new BiddingClosed("c1", List.of(first, second)), CLOSES.plusSeconds(1));

        JsonNode closed = document("c1");
        assertThat(closed.at("/bidding/status").asText()).isEqualTo("closed");
        assertThat(closed.at("/bidding/stage").asText()).isEqualTo("offers-ready");
        assertThat(closed.at("/bidding/offers"))
                .extracting(
                        o -> o.get("rank").asInt() + " " + o.get("partnerId").asText())
                .containsExactly("1 nordbank", "2 fjordkredit");
        assertThat(closed.at("/nextAction/code").asText()).isEqualTo("PRESENT_OFFERS");
        assertThat(closed.at("/nextAction/label").asText()).isEqualTo("Present the 2 offers to the applicant");
        assertThat(members("view/bidding")).isEmpty();
        assertThat(members(today(2026, 11, 26))).containsExactly("c1");

        add("c1", new OfferAccepted("c1", "nordbank", first.terms()), Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(document("c1").at("/bidding/accepted/partnerId").asText()).isEqualTo("nordbank");
        assertThat(document("c1").at("/nextAction/code").asText()).isEqualTo("SEND_DEBT_LETTER");

        add("c1", new DebtLetterSent("c1", "nordbank", "2026-12-01T10:05:00Z"), Instant.parse("2026-11-26T10:05:00Z"));
        JsonNode sent = document("c1");
        assertThat(sent.at("/bidding/debtLetter/status").asText()).isEqualTo("sent");
        assertThat(sent.at("/bidding/debtLetter/remindAt").asText()).isEqualTo("2026-12-01T10:05:00Z");
        assertThat(members("view/debt-letter-sent/2026-11-26")).containsExactly("c1");
        assertThat(members("view/awaiting-signature")).containsExactly("c1");
        assertThat(members(today(2026, 11, 26))).as("waiting for the signature").isEmpty();

        add("c1", new DebtLetterReminderDue("c1", 1, "2026-12-06T10:05:00Z"), Instant.parse("2026-12-01T10:05:00Z"));
        assertThat(document("c1").at("/bidding/debtLetter/reminders").asInt()).isEqualTo(1);
        assertThat(document("c1").at("/bidding/debtLetter/remindAt").asText()).isEqualTo("2026-12-06T10:05:00Z");

        add("c1", new DebtLetterSigned("c1"), Instant.parse("2026-12-02T09:00:00Z"));
        JsonNode signed = document("c1");
        assertThat(signed.at("/bidding/debtLetter/status").asText()).isEqualTo("signed");
        assertThat(signed.at("/bidding/debtLetter/remindAt").isNull()).isTrue();
        assertThat(signed.at("/nextAction/code").asText()).isEqualTo("PAY_OUT");
        assertThat(members("view/awaiting-signature")).isEmpty();
        assertThat(members("view/debt-letter-sent/2026-11-26")).containsExactly("c1");
        assertThat(members(today(2026, 12, 2))).containsExactly("c1");

        add("c1", new PaidOut("c1", "nordbank", 150_000), Instant.parse("2026-12-03T09:00:00Z"));
        add("c1", new CaseClosed("c1", CloseReason.PAID_OUT, null), Instant.parse("2026-12-03T09:00:00Z"));
        JsonNode paid = document("c1");
        assertThat(paid.at("/bidding/stage").asText()).isEqualTo("paid-out");
        assertThat(paid.at("/bidding/paidOut/amount").asText()).isEqualTo("150 000 kr");
        assertThat(paid.get("status").asText()).isEqualTo("CLOSED");
        assertThat(members(today(2026, 12, 2))).isEmpty();

        assertThat(reader.feed("case/c1/activity", null, 100))
                .extracting(e -> e.fields().get("text"))
                .containsExactly(
                        "Case opened: 150 000 kr over 60 months (CONSOLIDATION)",
                        "Bidding opened for 3 partners (fjordkredit, lanekassan, nordbank) until 2026-11-26 09:40;"
                                + " risk class 4, income 30 000–44 999 kr",
                        "Bid from nordbank: 150 000 kr at 5,95 % (effective 6,20 %), 60 months, 2 895,45 kr a month,"
                                + " valid until 2026-12-10",
                        "Bid from fjordkredit: 150 000 kr at 6,40 % (effective 6,65 %), 60 months, 2 950,00 kr a"
                                + " month, valid until 2026-12-10",
                        "Bid from lanekassan: 150 000 kr at 7,00 % (effective 7,25 %), 60 months, 3 010,00 kr a month,"
                                + " valid until 2026-12-10",
                        "Bid from nordbank revised: 150 000 kr at 5,90 % (effective 6,15 %), 60 months, 2 880,00 kr a"
                                + " month, valid until 2026-12-11",
                        "Bid from lanekassan withdrawn",
                        "Bidding closed with 2 offers; best: nordbank at 6,15 % effective",
                        "Offer of nordbank accepted: 150 000 kr at 5,90 % (effective 6,15 %), 60 months, 2 880,00 kr a"
                                + " month, valid until 2026-12-11",
                        "Debt letter of nordbank sent for signing; a reminder is due 2026-12-01 11:05",
                        "Debt letter still unsigned: reminder 1; the next is due 2026-12-06 11:05",
                        "Debt letter signed",
                        "Paid out 150 000 kr by nordbank",
                        "Case closed: PAID_OUT");
    }

    @Test
    void biddingWithoutOffersAndAnUnsignedLetterAfterTheLastReminderAreThingsToDoToday() throws Exception {
        add("c2", TestEvents.opened("c2", "Nils Nilsson", 50_000, 24, LoanPurpose.CAR), MORNING);
        add("c2", new BiddingOpened("c2", List.of(), MORNING.toString(), EventLog.summary()));
        add("c2", new BiddingClosed("c2", List.of()), Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(document("c2").at("/bidding/stage").asText()).isEqualTo("no-offers");
        assertThat(document("c2").at("/nextAction/code").asText()).isEqualTo("NO_OFFERS");
        assertThat(members(today(2026, 11, 25))).containsExactly("c2");

        add("c3", TestEvents.opened("c3", "Eva Ek", 50_000, 24, LoanPurpose.CAR), MORNING);
        add("c3", new DebtLetterSent("c3", "nordbank", "2026-11-30T08:30:00Z"));
        add("c3", new DebtLetterReminderDue("c3", 3, null), Instant.parse("2026-12-10T08:30:00Z"));
        // no bidding section (an event of a case never offered): only the feed line and the next action
        assertThat(document("c3").get("bidding").isNull()).isTrue();
        assertThat(document("c3").at("/nextAction/code").asText()).isEqualTo("CHASE_SIGNATURE");
        assertThat(members(today(2026, 12, 10))).containsExactly("c3");
        assertThat(reader.feed("case/c3/activity", null, 10).get(2).fields().get("text"))
                .isEqualTo("Debt letter still unsigned: reminder 3, the last one");
    }

    @Test
    void aFollowUpFallingDuePutsTheCaseInTodayOnItsDate() throws Exception {
        add("c4", TestEvents.opened("c4", "Anna Svensson", 150_000, 60, LoanPurpose.CONSOLIDATION), MORNING);
        // the 27th starts at 23:00 UTC on the 26th in Stockholm
        add(
                "c4",
                new FollowUpScheduled(
                        "c4", "f-2", "2026-11-27", "2026-11-26T23:00:00Z", TestEvents.text("Ring om lönespecen")));
        add("c4", new FollowUpScheduled("c4", "f-1", "2026-11-26", "2026-11-25T23:00:00Z", null));
        JsonNode scheduled = document("c4");
        assertThat(scheduled.get("followUps"))
                .extracting(f -> f.get("followUpId").asText() + " " + f.get("due"))
                .containsExactly("f-1 false", "f-2 false");
        assertThat(scheduled.at("/nextAction/code").asText()).isEqualTo("REVIEW");
        assertThat(members(today(2026, 11, 25))).containsExactly("c4");

        add(
                "c4",
                new FollowUpDue("c4", "f-2", "2026-11-27", TestEvents.text("Ring om lönespecen")),
                Instant.parse("2026-11-26T23:00:02Z"));
        JsonNode due = document("c4");
        assertThat(due.at("/followUps/1/due").asBoolean()).isTrue();
        assertThat(due.at("/followUps/1/dueSince").asText()).isEqualTo("2026-11-26T23:00:02Z");
        assertThat(due.at("/followUps/0/due").asBoolean()).isFalse();
        assertThat(due.at("/nextAction/code").asText()).isEqualTo("FOLLOW_UP");
        assertThat(due.at("/nextAction/label").asText()).isEqualTo("Follow up: Ring om lönespecen");
        assertThat(members(today(2026, 11, 25))).isEmpty();
        assertThat(members(today(2026, 11, 27))).containsExactly("c4");
        assertThat(reader.feed("case/c4/activity", null, 10))
                .extracting(e -> e.fields().get("text"))
                .containsExactly(
                        "Case opened: 150 000 kr over 60 months (CONSOLIDATION)",
                        "Follow-up scheduled for 2026-11-27: Ring om lönespecen",
                        "Follow-up scheduled for 2026-11-26",
                        "Follow-up due (2026-11-27): Ring om lönespecen");
    }

    @Test
    void redeliveredEventsChangeNothingAndARebuildWritesTheSameKeys() throws Exception {
        aCaseMovesThroughBiddingTheDebtLetterAndPayoutAndTheViews();
        aFollowUpFallingDuePutsTheCaseInTodayOnItsDate();
        String live = REDIS.dump();

        EventLog.handle(handlers, log.events().subList(2, 12));
        EventLog.handle(handlers, log.events().subList(0, 1));
        assertThat(REDIS.dump()).isEqualTo(live);

        projection.reset();
        assertThat(REDIS.dump()).isEmpty();
        EventLog.handle(handlers, log.events());
        assertThat(REDIS.dump()).isEqualTo(live);
    }

    private void add(String caseId, Object payload) throws Exception {
        handlers.handle(log.add(caseId, payload));
    }

    private void add(String caseId, Object payload, Instant at) throws Exception {
        handlers.handle(log.add(caseId, payload, at));
    }

    private JsonNode document(String caseId) throws Exception {
        return JSON.readTree(reader.document("case/" + caseId).orElseThrow().json());
    }

    private List<String> members(String view) {
        return reader.view(view, 0, 100).members().stream()
                .map(ProjectionReader.ViewPage.Member::caseId)
                .toList();
    }

    private static String today(int year, int month, int day) {
        return ProjectionReader.dailyViewKey("today", LocalDate.of(year, month, day));
    }
}
