package se.caseflow.projections.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static se.caseflow.projections.cases.ErasureInPlaceTest.opened;
import static se.caseflow.projections.cases.ErasureInPlaceTest.person;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CloseReason;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipReason;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReport;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityRejectionReason;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.projections.EventLog;
import se.caseflow.projections.ShreddingUnwrapper;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.testsupport.TestRedis;

/**
 * The bytes the case projection writes for a history that sets every field of the case document (people, loan, checks
 * of both parties, bidding, the debt letter, the payout, follow-ups, notes, closing) and then erases the co-applicant
 * and the applicant: the document after every event, then every key, equal to {@code case-document-bytes.txt},
 * recorded from the projection before its documents were built through builders. A change to a document's JSON, its
 * field order or a feed entry fails here; {@code target/case-document-bytes.actual.txt} holds what was written.
 */
class CaseDocumentBytesTest {

    static final TestRedis REDIS = TestRedis.create("case-document-bytes");
    static final String APPLICANT = "s_" + "a".repeat(32);
    static final String CO_APPLICANT = "s_" + "c".repeat(32);
    static final String OTHER = "s_" + "o".repeat(32);
    static final Instant T0 = Instant.parse("2026-11-24T07:00:00Z");

    final ShreddingUnwrapper unwrapper = new ShreddingUnwrapper();
    final ProjectionStore store = new ProjectionStore(REDIS.connection(), REDIS.prefix());
    final CaseProjection projection = new CaseProjection(store, unwrapper);
    final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
    final EventLog log = new EventLog(T0);
    final StringBuilder written = new StringBuilder();

    @AfterAll
    static void disconnect() {
        REDIS.close();
    }

    @Test
    void everyFieldOfTheCaseDocumentIsWrittenAsRecorded() throws Exception {
        projection.reset();
        wholeLife("c-1");
        checksThatWentWrong("c-2");
        handlers.handle(erasure(CO_APPLICANT, log.now().plusSeconds(60)));
        documents("c-1", "c-2");
        handlers.handle(erasure(APPLICANT, log.now().plusSeconds(120)));
        documents("c-1", "c-2");
        written.append(REDIS.dump());

        Path actual = Path.of("target", "case-document-bytes.actual.txt");
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, written, StandardCharsets.UTF_8);
        assertThat(written.toString()).isEqualTo(recorded());
    }

    private void wholeLife(String caseId) throws Exception {
        add(caseId, opened(caseId, person(APPLICANT, "Anna Tolvansson"), person(CO_APPLICANT, "Bo Tolvansson")));
        add(caseId, new NoteAdded(caseId, 1, ShreddingUnwrapper.wrap(APPLICANT, "Payslip \"nov\" åäö")));
        add(caseId, new IdentityVerified(caseId, Party.APPLICANT, ShreddingUnwrapper.wrap(APPLICANT, "191212121212")));
        add(caseId, new IdentityVerified(caseId, Party.CO_APPLICANT, ShreddingUnwrapper.wrap(CO_APPLICANT, "1")));
        add(caseId, new CreditCheckReserved(caseId, Party.APPLICANT));
        add(
                caseId,
                new CreditReportReceived(
                        caseId,
                        Party.APPLICANT,
                        new CreditReport(new BigDecimal("12.5"), 200_000L, 480_000L, 1, 3_400, 2)));
        add(caseId, new CreditCheckReserved(caseId, Party.CO_APPLICANT));
        add(
                caseId,
                new CreditReportReceived(
                        caseId, Party.CO_APPLICANT, new CreditReport(new BigDecimal("3"), null, null, 0, 0, 0)));
        Instant closes = log.now().plusSeconds(86_400);
        add(
                caseId,
                new BiddingOpened(
                        caseId,
                        List.of("fjordkredit", "nordbank", "lanekassan"),
                        closes.toString(),
                        EventLog.summary()));
        add(caseId, new BidPlaced(caseId, "nordbank", EventLog.terms("5.95", 289_545, "2026-12-10")));
        add(caseId, new BidPlaced(caseId, "fjordkredit", EventLog.terms("6.4", 295_000, "2026-12-10")));
        add(caseId, new BidPlaced(caseId, "lanekassan", EventLog.terms("7", 301_000, "2026-12-10")));
        add(caseId, new BidRevised(caseId, "nordbank", EventLog.terms("5.9", 288_000, "2026-12-11")));
        add(caseId, new BidWithdrawn(caseId, "lanekassan"));
        RankedOffer first = new RankedOffer(1, "nordbank", EventLog.terms("5.9", 288_000, "2026-12-11"));
        RankedOffer second = new RankedOffer(2, "fjordkredit", EventLog.terms("6.4", 295_000, "2026-12-10"));
        log.add(caseId, new BiddingClosed(caseId, List.of(first, second)), closes.plusSeconds(1));
        handle(caseId);
        add(caseId, new OfferAccepted(caseId, "nordbank", first.terms()));
        add(
                caseId,
                new DebtLetterSent(
                        caseId, "nordbank", log.now().plusSeconds(86_400).toString()));
        add(
                caseId,
                new DebtLetterReminderDue(
                        caseId, 1, log.now().plusSeconds(2 * 86_400).toString()));
        add(
                caseId,
                new FollowUpScheduled(
                        caseId,
                        "f-1",
                        "2026-11-28",
                        "2026-11-27T23:00:00Z",
                        ShreddingUnwrapper.wrap(APPLICANT, "Call Anna")));
        add(caseId, new FollowUpDue(caseId, "f-1", "2026-11-28", ShreddingUnwrapper.wrap(APPLICANT, "Call Anna")));
        add(caseId, new DebtLetterSigned(caseId));
        add(caseId, new PaidOut(caseId, "nordbank", 150_000));
        add(caseId, new CaseClosed(caseId, CloseReason.values()[0], ShreddingUnwrapper.wrap(APPLICANT, "Done, Anna")));
    }

    private void checksThatWentWrong(String caseId) throws Exception {
        add(caseId, opened(caseId, person(OTHER, "Olle Tolvansson"), person(CO_APPLICANT, "Bo Tolvansson")));
        add(
                caseId,
                new IdentityRejected(caseId, Party.CO_APPLICANT, IdentityRejectionReason.NAME_MISMATCH, "UC: name"));
        add(caseId, new CreditCheckSkipped(caseId, Party.APPLICANT, CreditCheckSkipReason.values()[0], null));
        add(caseId, new IdentityVerified(caseId, Party.APPLICANT, ShreddingUnwrapper.wrap(OTHER, "191212121212")));
        add(caseId, new CreditCheckReserved(caseId, Party.APPLICANT));
        add(caseId, new CreditCheckFailed(caseId, Party.APPLICANT, "UC answered 500"));
        add(caseId, new CreditCheckOutcomeUnknown(caseId, Party.APPLICANT, "timed out"));
        add(caseId, new CreditCheckSkipped(caseId, Party.CO_APPLICANT, CreditCheckSkipReason.values()[0], "by staff"));
        add(
                caseId,
                new BiddingOpened(
                        caseId,
                        List.of("nordbank"),
                        log.now().plusSeconds(3_600).toString(),
                        EventLog.summary()));
        add(caseId, new BiddingClosed(caseId, List.of()));
        add(caseId, new CaseClosed(caseId, CloseReason.NO_OFFERS, null));
    }

    private void add(String caseId, Object payload) throws Exception {
        log.add(caseId, payload);
        handle(caseId);
    }

    /** Hands the event last added to the projection and notes the case's document after it. */
    private void handle(String caseId) throws Exception {
        List<EventMessage<?>> events = log.events();
        handlers.handle(events.get(events.size() - 1));
        documents(caseId);
    }

    private void documents(String... caseIds) {
        for (String caseId : caseIds) {
            written.append(store.get(CaseProjection.documentKey(caseId))).append('\n');
        }
    }

    private EventMessage<?> erasure(String subject, Instant at) {
        unwrapper.shred(subject);
        return ShreddingUnwrapper.erasure(subject, at);
    }

    private static String recorded() throws IOException {
        try (InputStream in = CaseDocumentBytesTest.class.getResourceAsStream("case-document-bytes.txt")) {
            assertThat(in)
                    .as("the recorded bytes, case-document-bytes.txt next to this test")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
