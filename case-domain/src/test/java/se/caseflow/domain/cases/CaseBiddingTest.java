package se.caseflow.domain.cases;

import static se.caseflow.domain.cases.CaseFixtures.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.AcceptOffer;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CloseBidding;
import se.caseflow.domain.api.CloseCase;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.IncomeBand;
import se.caseflow.domain.api.LoanPurpose;
import se.caseflow.domain.api.MarkDebtLetterReminderDue;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.OpenBidding;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.PartnerCaseSummary;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.PlaceBid;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.domain.api.RecordDebtLetterSigned;
import se.caseflow.domain.api.RecordPayout;
import se.caseflow.domain.api.ReviseBid;
import se.caseflow.domain.api.SendDebtLetter;
import se.caseflow.domain.api.WithdrawBid;
import se.caseflow.domain.bidding.BiddingPolicy;
import se.caseflow.domain.bidding.PartnerDirectory;
import se.caseflow.domain.cases.BiddingDeadlines.ReminderDue;
import se.caseflow.domain.cases.BiddingDeadlines.WindowCloses;

/**
 * Bidding, the offer and the debt letter, with time: the window's deadline fires at its end and its command
 * ({@code CloseBidding}) ranks the bids once, late bids are refused, reminders come every N days up to the maximum
 * and stop when the letter is signed. {@code CaseDeadlinesTest} turns the deadlines into these commands.
 */
class CaseBiddingTest {

    private static final String CASE_ID = "7b0d4c3e-2f7a-4a55-9a43-3f1c1d2a9e03";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CLOSES = T0.plus(Duration.ofHours(24));
    private static final BiddingPolicy POLICY = new BiddingPolicy(Duration.ofHours(24), 2, Duration.ofDays(5), 3);
    private static final ProtectedValue PNR = CaseFixtures.PNR;
    private static final PartnerCaseSummary SUMMARY =
            new PartnerCaseSummary(150_000, 60, LoanPurpose.CONSOLIDATION, IncomeBand.FROM_30000_TO_44999, 3);

    /** Partners as configured: id, amount range, term range, minimum risk class. */
    private record Partner(String id, long minAmount, long maxAmount, int minTerm, int maxTerm, int minRiskClass) {

        boolean matches(PartnerCaseSummary summary) {
            return summary.amountSek() >= minAmount
                    && summary.amountSek() <= maxAmount
                    && summary.termMonths() >= minTerm
                    && summary.termMonths() <= maxTerm
                    && summary.riskClass() >= minRiskClass;
        }
    }

    private static final List<Partner> PARTNERS = List.of(
            new Partner("nordbank", 20_000, 600_000, 12, 144, 2),
            new Partner("fjordkredit", 10_000, 350_000, 6, 120, 3),
            new Partner("smalan", 1_000, 50_000, 6, 36, 1));

    private AggregateTestFixture<Case> fixture;

    /** A fresh fixture per scenario: its simulated time only moves forward once deadlines exist. */
    private AggregateTestFixture<Case> scenario(List<Partner> partners) {
        fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(POLICY);
        fixture.registerInjectableResource(directory(partners));
        fixture.registerInjectableResource(new FixtureClock());
        fixture.registerInjectableResource(new RecordingVault());
        return fixture;
    }

    private AggregateTestFixture<Case> scenario() {
        return scenario(PARTNERS);
    }

    /** The fixture's simulated time: it moves with {@code whenTimeElapses} and is a deadline's time when it fires. */
    private final class FixtureClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return fixture.currentTime();
        }
    }

    private static PartnerDirectory directory(List<Partner> partners) {
        return new PartnerDirectory() {
            @Override
            public List<String> matching(PartnerCaseSummary summary) {
                return partners.stream()
                        .filter(p -> p.matches(summary))
                        .map(Partner::id)
                        .toList();
            }

            @Override
            public Optional<String> name(String partnerId) {
                return Optional.empty();
            }
        };
    }

    // ---- given ----

    private static CaseOpened opened(boolean withCoApplicant) {
        return CaseFixtures.opened(CASE_ID, withCoApplicant);
    }

    private static CreditReportReceived report(Party party, String riskPercent, int paymentRemarks) {
        return new CreditReportReceived(
                CASE_ID,
                party,
                new CreditReport(new BigDecimal(riskPercent), 200_000L, 420_000L, paymentRemarks, 0, 1));
    }

    private static BidTerms terms(String effectiveRate, long monthlyCostOre, String validUntil) {
        return new BidTerms(
                150_000, new BigDecimal("5.50"), new BigDecimal(effectiveRate), 60, monthlyCostOre, validUntil);
    }

    private static final BidTerms NORDBANK = terms("6.23", 289_700, "2026-12-31");
    private static final BidTerms FJORDKREDIT = terms("5.99", 285_000, "2026-12-31");

    /** A case with a good report (risk class 3) at T0, whose bidding was opened by command (so its deadline exists). */
    private TestExecutor<Case> biddingOpen() {
        return biddingOpen(PARTNERS);
    }

    private TestExecutor<Case> biddingOpen(List<Partner> partners) {
        return scenario(partners)
                .givenCurrentTime(T0)
                .andGiven(opened(false), report(Party.APPLICANT, "3.7", 0))
                .andGivenCommands(new OpenBidding(CASE_ID));
    }

    private static Object[] closedWithOffers() {
        return new Object[] {
            opened(false),
            report(Party.APPLICANT, "3.7", 0),
            new BiddingOpened(CASE_ID, List.of("nordbank", "fjordkredit"), CLOSES.toString(), SUMMARY),
            new BidPlaced(CASE_ID, "nordbank", NORDBANK),
            new BidPlaced(CASE_ID, "fjordkredit", FJORDKREDIT),
            new BiddingClosed(
                    CASE_ID,
                    List.of(new RankedOffer(1, "fjordkredit", FJORDKREDIT), new RankedOffer(2, "nordbank", NORDBANK)))
        };
    }

    private static Object[] with(Object[] events, Object... more) {
        Object[] all = java.util.Arrays.copyOf(events, events.length + more.length);
        System.arraycopy(more, 0, all, events.length, more.length);
        return all;
    }

    // ---- opening ----

    @Test
    void opensBiddingForTheMatchingPartnersAndSchedulesTheWindowsClose() {
        scenario()
                .givenCurrentTime(T0)
                .andGiven(opened(false), report(Party.APPLICANT, "3.7", 0))
                .when(new OpenBidding(CASE_ID))
                .expectEvents(
                        new BiddingOpened(CASE_ID, List.of("nordbank", "fjordkredit"), CLOSES.toString(), SUMMARY))
                .expectScheduledDeadline(Duration.ofHours(24), WindowCloses.of(CASE_ID));
    }

    @Test
    void withNoMatchingPartnerTheWindowClosesAtOnce() {
        // risk 12,5 % is class 2: fjordkredit wants 3; the amount is outside the others' ranges
        scenario(List.of(PARTNERS.get(1), PARTNERS.get(2)))
                .givenCurrentTime(T0)
                .andGiven(opened(false), report(Party.APPLICANT, "12.5", 0))
                .when(new OpenBidding(CASE_ID))
                .expectEvents(
                        new BiddingOpened(
                                CASE_ID,
                                List.of(),
                                T0.toString(),
                                new PartnerCaseSummary(
                                        150_000, 60, LoanPurpose.CONSOLIDATION, IncomeBand.FROM_30000_TO_44999, 2)),
                        new BiddingClosed(CASE_ID, List.of()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theCaseRiskClassIsTheWorstOverTheParties() {
        scenario()
                .givenCurrentTime(T0)
                .andGiven(opened(true), report(Party.APPLICANT, "0.3", 0), report(Party.CO_APPLICANT, "7", 0))
                .when(new OpenBidding(CASE_ID))
                .expectEvents(new BiddingOpened(
                        CASE_ID,
                        List.of("nordbank"),
                        CLOSES.toString(),
                        new PartnerCaseSummary(
                                150_000, 60, LoanPurpose.CONSOLIDATION, IncomeBand.FROM_30000_TO_44999, 2)));
    }

    @Test
    void opensOnlyOnceAndOnlyOnEveryPartysGoodReport() {
        refused(scenario().given(opened(false)).when(new OpenBidding(CASE_ID)), "credit-report-missing");
        refused(
                scenario().given(opened(true), report(Party.APPLICANT, "1", 0)).when(new OpenBidding(CASE_ID)),
                "credit-report-missing");
        refused(
                scenario().given(opened(false), report(Party.APPLICANT, "1", 2)).when(new OpenBidding(CASE_ID)),
                "credit-not-good");
        refused(
                scenario()
                        .given(opened(false), report(Party.APPLICANT, "15", 0))
                        .when(new OpenBidding(CASE_ID)),
                "credit-not-good");
        refused(
                scenario()
                        .given(
                                opened(false),
                                report(Party.APPLICANT, "3.7", 0),
                                new BiddingOpened(CASE_ID, List.of("nordbank"), CLOSES.toString(), SUMMARY))
                        .when(new OpenBidding(CASE_ID)),
                "bidding-already-opened");
        refused(
                scenario()
                        .given(
                                opened(false),
                                report(Party.APPLICANT, "3.7", 0),
                                new CaseClosed(CASE_ID, CloseReason.DUPLICATE, null))
                        .when(new OpenBidding(CASE_ID)),
                "case-closed");
    }

    // ---- bids ----

    @Test
    void anInvitedPartnerBidsRevisesAndWithdrawsInsideTheWindow() {
        biddingOpen()
                .when(new PlaceBid(CASE_ID, "nordbank", NORDBANK))
                .expectEvents(new BidPlaced(CASE_ID, "nordbank", NORDBANK));
        biddingOpen()
                .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK))
                .when(new ReviseBid(CASE_ID, "nordbank", FJORDKREDIT))
                .expectEvents(new BidRevised(CASE_ID, "nordbank", FJORDKREDIT));
        biddingOpen()
                .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK))
                .when(new WithdrawBid(CASE_ID, "nordbank"))
                .expectEvents(new BidWithdrawn(CASE_ID, "nordbank"));
        biddingOpen()
                .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK), new WithdrawBid(CASE_ID, "nordbank"))
                .when(new PlaceBid(CASE_ID, "nordbank", FJORDKREDIT))
                .expectEvents(new BidPlaced(CASE_ID, "nordbank", FJORDKREDIT));
    }

    @Test
    void refusesBidsOfPartnersNotInvitedSecondBidsAndChangesWithoutABid() {
        refused(biddingOpen().when(new PlaceBid(CASE_ID, "smalan", NORDBANK)), "not-invited");
        refused(
                biddingOpen()
                        .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK))
                        .when(new PlaceBid(CASE_ID, "nordbank", FJORDKREDIT)),
                "bid-already-placed");
        refused(biddingOpen().when(new ReviseBid(CASE_ID, "nordbank", NORDBANK)), "no-live-bid");
        refused(biddingOpen().when(new WithdrawBid(CASE_ID, "fjordkredit")), "no-live-bid");
        refused(
                scenario()
                        .given(opened(false), report(Party.APPLICANT, "3.7", 0))
                        .when(new PlaceBid(CASE_ID, "nordbank", NORDBANK)),
                "bidding-not-open");
    }

    /** Bidding opened by event (so no deadline exists yet and the fixture's time may still be set). */
    private TestExecutor<Case> openedWithoutItsDeadline(Object... more) {
        return scenario()
                .givenCurrentTime(T0)
                .andGiven(with(
                        new Object[] {
                            opened(false),
                            report(Party.APPLICANT, "3.7", 0),
                            new BiddingOpened(CASE_ID, List.of("nordbank", "fjordkredit"), CLOSES.toString(), SUMMARY)
                        },
                        more));
    }

    @Test
    void aLateBidIsRefusedEvenBeforeTheDeadlineHasFired() {
        refused(
                openedWithoutItsDeadline()
                        .andGivenCurrentTime(CLOSES)
                        .when(new PlaceBid(CASE_ID, "nordbank", NORDBANK)),
                "bidding-closed");
        refused(
                openedWithoutItsDeadline(new BidPlaced(CASE_ID, "nordbank", NORDBANK))
                        .andGivenCurrentTime(CLOSES.plusSeconds(1))
                        .when(new ReviseBid(CASE_ID, "nordbank", FJORDKREDIT)),
                "bidding-closed");
        openedWithoutItsDeadline()
                .andGivenCurrentTime(CLOSES.minusSeconds(1))
                .when(new PlaceBid(CASE_ID, "nordbank", NORDBANK))
                .expectEvents(new BidPlaced(CASE_ID, "nordbank", NORDBANK));
        refused(scenario().given(closedWithOffers()).when(new WithdrawBid(CASE_ID, "nordbank")), "bidding-closed");
        refused(
                biddingOpen()
                        .andGiven(new CaseClosed(CASE_ID, CloseReason.WITHDRAWN_BY_APPLICANT, null))
                        .when(new PlaceBid(CASE_ID, "nordbank", NORDBANK)),
                "bidding-closed");
    }

    // ---- the window's deadline: it fires CloseBidding (CaseDeadlines), whose rules are here ----

    @Test
    void theWindowsDeadlineFiresWhenTheWindowEndsAndNotBefore() {
        biddingOpen().whenTimeElapses(Duration.ofHours(24).minusMillis(1)).expectTriggeredDeadlines();
        biddingOpen()
                .whenTimeElapses(Duration.ofHours(24))
                .expectTriggeredDeadlines(WindowCloses.of(CASE_ID))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void closingTheWindowRanksTheValidBids() {
        List<Partner> everyone = List.of(
                new Partner("nordbank", 1, 1_000_000, 1, 360, 1),
                new Partner("fjordkredit", 1, 1_000_000, 1, 360, 1),
                new Partner("bank-b", 1, 1_000_000, 1, 360, 1),
                new Partner("alfa", 1, 1_000_000, 1, 360, 1));
        BidTerms cheapestButExpiring = terms("4.10", 270_000, "2026-12-01");
        BidTerms sameRateAsFjordkredit = terms("5.99", 285_000, "2027-01-31");
        // closes 2026-12-02 11:00 in Stockholm: a bid valid until 2026-12-02 still holds, one until 12-01 does not
        BidTerms validOnTheClosingDay = terms("6.23", 289_700, "2026-12-02");

        biddingOpen(everyone)
                .andGivenCommands(
                        new PlaceBid(CASE_ID, "alfa", cheapestButExpiring),
                        new PlaceBid(CASE_ID, "nordbank", validOnTheClosingDay),
                        new PlaceBid(CASE_ID, "fjordkredit", FJORDKREDIT),
                        new PlaceBid(CASE_ID, "bank-b", sameRateAsFjordkredit))
                .when(new CloseBidding(CASE_ID))
                .expectEvents(new BiddingClosed(
                        CASE_ID,
                        List.of(
                                new RankedOffer(1, "bank-b", sameRateAsFjordkredit),
                                new RankedOffer(2, "fjordkredit", FJORDKREDIT),
                                new RankedOffer(3, "nordbank", validOnTheClosingDay))));
    }

    @Test
    void aRevisedBidRanksWithItsNewTermsAndAWithdrawnOneNotAtAll() {
        biddingOpen()
                .andGivenCommands(
                        new PlaceBid(CASE_ID, "nordbank", NORDBANK),
                        new PlaceBid(CASE_ID, "fjordkredit", FJORDKREDIT),
                        new ReviseBid(CASE_ID, "nordbank", terms("5.00", 280_000, "2026-12-31")))
                .when(new CloseBidding(CASE_ID))
                .expectEvents(new BiddingClosed(
                        CASE_ID,
                        List.of(
                                new RankedOffer(1, "nordbank", terms("5.00", 280_000, "2026-12-31")),
                                new RankedOffer(2, "fjordkredit", FJORDKREDIT))));
        biddingOpen()
                .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK), new WithdrawBid(CASE_ID, "nordbank"))
                .when(new CloseBidding(CASE_ID))
                .expectEvents(new BiddingClosed(CASE_ID, List.of()));
    }

    @Test
    void aClosedWindowANeverOpenedOneOrAClosedCaseClosesNothing() {
        biddingOpen()
                .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK), new CloseBidding(CASE_ID))
                .when(new CloseBidding(CASE_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        biddingOpen()
                .andGivenCommands(new CloseCase(CASE_ID, CloseReason.WITHDRAWN_BY_APPLICANT, null))
                .when(new CloseBidding(CASE_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        scenario()
                .given(opened(false), report(Party.APPLICANT, "3.7", 0))
                .when(new CloseBidding(CASE_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- the offer ----

    @Test
    void staffAcceptARankedOfferThatStillHolds() {
        scenario()
                .givenCurrentTime(CLOSES.plus(Duration.ofHours(1)))
                .andGiven(closedWithOffers())
                .when(new AcceptOffer(CASE_ID, "nordbank"))
                .expectEvents(new OfferAccepted(CASE_ID, "nordbank", NORDBANK));
    }

    @Test
    void refusesAnOfferNotRankedExpiredOrASecondAcceptance() {
        refused(
                biddingOpen()
                        .andGivenCommands(new PlaceBid(CASE_ID, "nordbank", NORDBANK))
                        .when(new AcceptOffer(CASE_ID, "nordbank")),
                "offer-not-ranked");
        refused(scenario().given(closedWithOffers()).when(new AcceptOffer(CASE_ID, "smalan")), "offer-not-ranked");
        refused(
                scenario()
                        .givenCurrentTime(Instant.parse("2027-01-01T00:00:00Z"))
                        .andGiven(closedWithOffers())
                        .when(new AcceptOffer(CASE_ID, "nordbank")),
                "offer-expired");
        refused(
                scenario()
                        .givenCurrentTime(CLOSES)
                        .andGiven(with(closedWithOffers(), new OfferAccepted(CASE_ID, "nordbank", NORDBANK)))
                        .when(new AcceptOffer(CASE_ID, "fjordkredit")),
                "offer-already-accepted");
    }

    // ---- the debt letter ----

    private TestExecutor<Case> offerAccepted() {
        return scenario()
                .givenCurrentTime(T0)
                .andGiven(with(closedWithOffers(), new OfferAccepted(CASE_ID, "nordbank", NORDBANK)));
    }

    @Test
    void sendingTheDebtLetterSchedulesItsFirstReminder() {
        offerAccepted()
                .when(new SendDebtLetter(CASE_ID))
                .expectEvents(new DebtLetterSent(
                        CASE_ID, "nordbank", T0.plus(Duration.ofDays(5)).toString()))
                .expectScheduledDeadline(Duration.ofDays(5), ReminderDue.of(CASE_ID, 1));
        refused(scenario().given(closedWithOffers()).when(new SendDebtLetter(CASE_ID)), "no-accepted-offer");
        refused(
                offerAccepted().andGivenCommands(new SendDebtLetter(CASE_ID)).when(new SendDebtLetter(CASE_ID)),
                "debt-letter-already-sent");
    }

    /** The letter was sent at T0 (by event: no deadline exists, so the fixture's time may still be set). */
    private TestExecutor<Case> letterSentAtT0(Instant now, Object... more) {
        return scenario()
                .givenCurrentTime(now)
                .andGiven(with(
                        with(
                                closedWithOffers(),
                                new OfferAccepted(CASE_ID, "nordbank", NORDBANK),
                                new DebtLetterSent(
                                        CASE_ID,
                                        "nordbank",
                                        T0.plus(Duration.ofDays(5)).toString())),
                        more));
    }

    @Test
    void theFirstReminderFiresFiveDaysAfterSending() {
        offerAccepted()
                .andGivenCommands(new SendDebtLetter(CASE_ID))
                .whenTimeElapses(Duration.ofDays(5))
                .expectTriggeredDeadlines(ReminderDue.of(CASE_ID, 1))
                .expectNoEvents();
    }

    /** When reminder {@code n} is due on time: 5 days after the letter (sent at T0) or the reminder before. */
    private static Instant reminderAt(int n) {
        return T0.plus(Duration.ofDays(5L * n));
    }

    /** Reminder {@code n}'s deadline fired on time, after reminders 1 to n - 1 were recorded on time. */
    private ResultValidator<Case> reminderFiresOnTime(int n) {
        Object[] before = IntStream.range(1, n)
                .mapToObj(earlier -> new DebtLetterReminderDue(
                        CASE_ID, earlier, reminderAt(earlier + 1).toString()))
                .toArray();
        return letterSentAtT0(reminderAt(n), before).when(new MarkDebtLetterReminderDue(CASE_ID, n));
    }

    @Test
    void anUnsignedLetterIsRemindedEveryFiveDaysUpToThreeTimes() {
        reminderFiresOnTime(1)
                .expectEvents(
                        new DebtLetterReminderDue(CASE_ID, 1, reminderAt(2).toString()))
                .expectScheduledDeadline(Duration.ofDays(5), ReminderDue.of(CASE_ID, 2));
        reminderFiresOnTime(2)
                .expectEvents(
                        new DebtLetterReminderDue(CASE_ID, 2, reminderAt(3).toString()))
                .expectScheduledDeadline(Duration.ofDays(5), ReminderDue.of(CASE_ID, 3));
        reminderFiresOnTime(3)
                .expectEvents(new DebtLetterReminderDue(CASE_ID, 3, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aLateReminderSchedulesTheNextFromWhenItCame() {
        Instant late = T0.plus(Duration.ofDays(8));
        letterSentAtT0(late)
                .when(new MarkDebtLetterReminderDue(CASE_ID, 1))
                .expectEvents(new DebtLetterReminderDue(
                        CASE_ID, 1, late.plus(Duration.ofDays(5)).toString()))
                .expectScheduledDeadline(Duration.ofDays(5), ReminderDue.of(CASE_ID, 2));
    }

    @Test
    void noReminderComesAfterSigning() {
        offerAccepted()
                .andGivenCommands(new SendDebtLetter(CASE_ID))
                .when(new RecordDebtLetterSigned(CASE_ID))
                .expectEvents(new DebtLetterSigned(CASE_ID))
                .expectNoScheduledDeadlines();
        offerAccepted()
                .andGivenCommands(new SendDebtLetter(CASE_ID), new RecordDebtLetterSigned(CASE_ID))
                .whenTimeElapses(Duration.ofDays(60))
                .expectTriggeredDeadlines()
                .expectNoEvents();
        // a reminder that fires anyway (its cancel lost) finds the letter signed and records nothing
        letterSentAtT0(T0.plus(Duration.ofDays(6)), new DebtLetterSigned(CASE_ID))
                .when(new MarkDebtLetterReminderDue(CASE_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        refused(offerAccepted().when(new RecordDebtLetterSigned(CASE_ID)), "debt-letter-not-sent");
        refused(
                offerAccepted()
                        .andGivenCommands(new SendDebtLetter(CASE_ID), new RecordDebtLetterSigned(CASE_ID))
                        .when(new RecordDebtLetterSigned(CASE_ID)),
                "debt-letter-already-signed");
    }

    @Test
    void aReminderRecordedBeforeIsNotRecordedAgain() {
        letterSentAtT0(
                        T0.plus(Duration.ofDays(6)),
                        new DebtLetterReminderDue(
                                CASE_ID, 1, T0.plus(Duration.ofDays(10)).toString()))
                .when(new MarkDebtLetterReminderDue(CASE_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    // ---- the payout ----

    @Test
    void thePayoutOfASignedLetterClosesTheCase() {
        offerAccepted()
                .andGivenCommands(new SendDebtLetter(CASE_ID), new RecordDebtLetterSigned(CASE_ID))
                .when(new RecordPayout(CASE_ID, 150_000))
                .expectEvents(
                        new PaidOut(CASE_ID, "nordbank", 150_000), new CaseClosed(CASE_ID, CloseReason.PAID_OUT, null));
        refused(offerAccepted().when(new RecordPayout(CASE_ID, 150_000)), "debt-letter-not-sent");
        refused(
                offerAccepted().andGivenCommands(new SendDebtLetter(CASE_ID)).when(new RecordPayout(CASE_ID, 150_000)),
                "debt-letter-not-signed");
        refused(scenario().given(closedWithOffers()).when(new RecordPayout(CASE_ID, 150_000)), "no-accepted-offer");
        refused(
                offerAccepted()
                        .andGivenCommands(
                                new SendDebtLetter(CASE_ID),
                                new RecordDebtLetterSigned(CASE_ID),
                                new RecordPayout(CASE_ID, 150_000))
                        .when(new RecordPayout(CASE_ID, 150_000)),
                "case-closed");
    }
}
