package se.caseflow.projections.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.caseflow.domain.api.BidPlaced;
import se.caseflow.domain.api.BidRevised;
import se.caseflow.domain.api.BidTerms;
import se.caseflow.domain.api.BidWithdrawn;
import se.caseflow.domain.api.BiddingClosed;
import se.caseflow.domain.api.BiddingOpened;
import se.caseflow.domain.api.CaseClosed;
import se.caseflow.domain.api.CaseOpened;
import se.caseflow.domain.api.CreditCheckFailed;
import se.caseflow.domain.api.CreditCheckOutcomeUnknown;
import se.caseflow.domain.api.CreditCheckReserved;
import se.caseflow.domain.api.CreditCheckSkipped;
import se.caseflow.domain.api.CreditReportReceived;
import se.caseflow.domain.api.DebtLetterReminderDue;
import se.caseflow.domain.api.DebtLetterSent;
import se.caseflow.domain.api.DebtLetterSigned;
import se.caseflow.domain.api.FollowUpDue;
import se.caseflow.domain.api.FollowUpScheduled;
import se.caseflow.domain.api.IdentityRejected;
import se.caseflow.domain.api.IdentityVerified;
import se.caseflow.domain.api.NoteAdded;
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.PaidOut;
import se.caseflow.domain.api.Party;
import se.caseflow.domain.api.ProtectedApplicant;
import se.caseflow.domain.api.ProtectedValue;
import se.caseflow.domain.api.SubjectErased;
import se.caseflow.domain.json.Json;
import se.caseflow.domain.personal.Masks;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.TrustedCaller;
import se.caseflow.domain.personal.Unwrapped;
import se.caseflow.projections.CaseProjectionsGroup;
import se.caseflow.projections.format.SwedishFormat;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.projections.store.Write;

/**
 * Case events -> the staff document {@code case/{id}}, the activity feed {@code case/{id}/activity} and
 * the {@link Views}. Each event is applied once: its aggregate sequence number is kept in
 * {@code applied/case/{id}} and written in the same Lua call as everything else.
 */
@ProcessingGroup(CaseProjectionsGroup.NAME)
class CaseProjection {

    static final String ERASED = "(erased)";

    /** The id of the one entry of an erased applicant's activity feed: before the first event's ({@code 1-0}). */
    static final String ERASED_ENTRY_ID = "0-1";

    private static final Logger log = LoggerFactory.getLogger(CaseProjection.class);
    private static final String UNWRAP_PURPOSE = "staff case document";

    /** The store to write: the serving one, or for the rebuild twin the generation being built. */
    private final Supplier<ProjectionStore> store;

    private final PersonalDataUnwrapper unwrapper;
    private final ObjectMapper json = Json.mapper();

    CaseProjection(ProjectionStore store, PersonalDataUnwrapper unwrapper) {
        this(() -> store, unwrapper);
    }

    CaseProjection(Supplier<ProjectionStore> store, PersonalDataUnwrapper unwrapper) {
        this.store = store;
        this.unwrapper = unwrapper;
    }

    static String documentKey(String caseId) {
        return "case/" + caseId;
    }

    static String activityKey(String caseId) {
        return "case/" + caseId + "/activity";
    }

    @EventHandler
    void on(CaseOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(
                event.caseId(),
                sequence,
                at,
                "CaseOpened",
                ActivityText.opened(event),
                before -> CaseDocument.opened(
                        event.caseId(),
                        sequence + 1,
                        person(event.applicant()),
                        event.coApplicant() == null ? null : person(event.coApplicant()),
                        new CaseDocument.Loan(
                                event.loan().amountSek(),
                                SwedishFormat.kronor(event.loan().amountSek()),
                                event.loan().termMonths(),
                                event.loan().purpose().name()),
                        new CaseDocument.Income(
                                event.income().monthlyGrossSek(),
                                SwedishFormat.kronor(event.income().monthlyGrossSek()),
                                event.income().employmentType().name()),
                        new CaseDocument.NextAction("REVIEW", "Review the application", at),
                        at),
                (after, write) -> {
                    index(event.caseId(), Party.APPLICANT, event.applicant(), after.applicant(), write);
                    index(event.caseId(), Party.CO_APPLICANT, event.coApplicant(), after.coApplicant(), write);
                });
    }

    /**
     * One person is erased: their key is gone, so every event of theirs projected from now on shows them erased; this
     * turns what was projected before into what a rebuild now writes, on the cases the subject index names. The
     * marker goes first, so a case opened with their data but not yet written is refused and written again erased.
     */
    @EventHandler
    void on(SubjectErased event) {
        String subject = event.subject();
        write(target -> Write.unpositioned().mark(erasedKey(subject), event.erasureId()));
        for (String member : store.get().members(subjectKey(subject))) {
            int colon = member.indexOf(':');
            Party party = Party.valueOf(member.substring(0, colon));
            String caseId = member.substring(colon + 1);
            write(target -> {
                String current = target.get(documentKey(caseId));
                if (current == null) {
                    return null;
                }
                CaseDocument before = read(current);
                CaseDocument after = before.erased(party);
                Write write = Write.unpositioned()
                        .expect(documentKey(caseId), current)
                        .document(documentKey(caseId), after.version(), write(after));
                if (party == Party.APPLICANT) {
                    write.delete(activityKey(caseId))
                            .feedEntry(activityKey(caseId), ERASED_ENTRY_ID, erasedEntry(after));
                }
                Views.changes(before, after, caseId, write);
                return write;
            });
        }
        write(target -> Write.unpositioned().delete(subjectKey(subject)));
    }

    /** Who is on which case, by subject, for an erasure to find: only for people not erased. */
    static String subjectKey(String subject) {
        return "subject/" + subject;
    }

    /** Set when a subject was erased: a case of theirs is no longer written with their data. */
    static String erasedKey(String subject) {
        return "erased/" + subject;
    }

    private static void index(
            String caseId, Party party, ProtectedApplicant wrapped, CaseDocument.Person person, Write write) {
        if (wrapped != null && !ERASED.equals(person.name())) {
            write.expect(erasedKey(wrapped.subject()), null)
                    .setAdd(subjectKey(wrapped.subject()), party.name() + ":" + caseId);
        }
    }

    /** The one entry of an erased applicant's activity feed, the same whether an erasure or a rebuild writes it. */
    private static Map<String, String> erasedEntry(CaseDocument document) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("version", "0");
        entry.put("type", "PersonalDataErased");
        entry.put("text", ActivityText.ERASED);
        entry.put("at", document.openedAt().toString());
        entry.put("localTime", SwedishFormat.localTime(document.openedAt()));
        return entry;
    }

    @EventHandler
    void on(NoteAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(
                event.caseId(),
                sequence,
                at,
                "NoteAdded",
                ActivityText.note(event, text(event.text())),
                before -> before.withNote(sequence + 1, event.noteNumber(), at));
    }

    @EventHandler
    void on(CaseClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(
                event.caseId(),
                sequence,
                at,
                "CaseClosed",
                ActivityText.closed(event, text(event.comment())),
                before -> before.closed(sequence + 1, event.reason().name(), text(event.comment()), at));
    }

    // ---- identity check and UC credit report ----

    @EventHandler
    void on(IdentityVerified event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "IdentityVerified",
                ActivityText.verified(event),
                p -> CaseChecks.PartyCheck.verified(at));
    }

    @EventHandler
    void on(IdentityRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "IdentityRejected",
                ActivityText.rejected(event),
                p -> CaseChecks.PartyCheck.rejected(at, event.reason().name(), event.detail()));
    }

    @EventHandler
    void on(CreditCheckReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "CreditCheckReserved",
                ActivityText.reserved(event),
                p -> party(p).now(CaseChecks.RESERVED, at, null));
    }

    @EventHandler
    void on(CreditReportReceived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "CreditReportReceived",
                ActivityText.received(event),
                p -> party(p).received(CaseChecks.CreditSummary.of(event.report()), at));
    }

    @EventHandler
    void on(CreditCheckFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "CreditCheckFailed",
                ActivityText.failed(event),
                p -> party(p).now(CaseChecks.FAILED, at, event.reason()));
    }

    @EventHandler
    void on(CreditCheckOutcomeUnknown event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "CreditCheckOutcomeUnknown",
                ActivityText.unknown(event),
                p -> party(p).now(CaseChecks.UNKNOWN, at, event.reason()));
    }

    @EventHandler
    void on(CreditCheckSkipped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        check(
                event.caseId(),
                event.party(),
                sequence,
                at,
                "CreditCheckSkipped",
                ActivityText.skipped(event),
                p -> party(p).now(
                                CaseChecks.SKIPPED,
                                at,
                                event.reason().name() + (event.detail() == null ? "" : ": " + event.detail())));
    }

    // ---- bidding, the debt letter and follow-ups ----

    @EventHandler
    void on(BiddingOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        CaseBidding opened = CaseBidding.opened(event, at);
        CaseDocument.NextAction next = new CaseDocument.NextAction(
                CaseDocument.NextAction.AWAIT_BIDS, "Partners bid until " + opened.closesAtLocal(), at);
        apply(
                event.caseId(),
                sequence,
                at,
                "BiddingOpened",
                ActivityText.biddingOpened(event),
                before -> before.withBidding(sequence + 1, opened, before.isOpen() ? next : before.nextAction(), at));
    }

    @EventHandler
    void on(BidPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bid(event.caseId(), sequence, at, "BidPlaced", ActivityText.bidPlaced(event), event.partnerId(), event.terms());
    }

    @EventHandler
    void on(BidRevised event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bid(
                event.caseId(),
                sequence,
                at,
                "BidRevised",
                ActivityText.bidRevised(event),
                event.partnerId(),
                event.terms());
    }

    @EventHandler
    void on(BidWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bidding(
                event.caseId(),
                sequence,
                at,
                "BidWithdrawn",
                ActivityText.bidWithdrawn(event),
                before -> before.withoutBid(event.partnerId()),
                CaseDocument::nextAction);
    }

    @EventHandler
    void on(BiddingClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int offers = event.offers().size();
        CaseDocument.NextAction next = offers == 0
                ? new CaseDocument.NextAction("NO_OFFERS", "No offers: tell the applicant and close the case", at)
                : new CaseDocument.NextAction(
                        "PRESENT_OFFERS",
                        "Present the " + (offers == 1 ? "offer" : offers + " offers") + " to the applicant",
                        at);
        bidding(
                event.caseId(),
                sequence,
                at,
                "BiddingClosed",
                ActivityText.biddingClosed(event),
                before -> before.closed(event, at),
                doc -> next);
    }

    @EventHandler
    void on(OfferAccepted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bidding(
                event.caseId(),
                sequence,
                at,
                "OfferAccepted",
                ActivityText.offerAccepted(event),
                before -> before.accepted(event.partnerId(), event.terms(), at),
                doc -> new CaseDocument.NextAction(
                        "SEND_DEBT_LETTER", "Send the debt letter of " + event.partnerId(), at));
    }

    @EventHandler
    void on(DebtLetterSent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bidding(
                event.caseId(),
                sequence,
                at,
                "DebtLetterSent",
                ActivityText.debtLetterSent(event),
                before -> before.debtLetterSent(event.partnerId(), Instant.parse(event.remindAt()), at),
                doc -> new CaseDocument.NextAction(
                        CaseDocument.NextAction.AWAIT_SIGNATURE, "Wait for the applicant to sign the debt letter", at));
    }

    @EventHandler
    void on(DebtLetterReminderDue event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant nextRemindAt = event.nextRemindAt() == null ? null : Instant.parse(event.nextRemindAt());
        bidding(
                event.caseId(),
                sequence,
                at,
                "DebtLetterReminderDue",
                ActivityText.debtLetterReminder(event),
                before -> before.reminded(event.reminder(), nextRemindAt, at),
                doc -> nextRemindAt != null
                        ? doc.nextAction()
                        : new CaseDocument.NextAction(
                                "CHASE_SIGNATURE", "The debt letter is unsigned after the last reminder: call", at));
    }

    @EventHandler
    void on(DebtLetterSigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bidding(
                event.caseId(),
                sequence,
                at,
                "DebtLetterSigned",
                ActivityText.debtLetterSigned(),
                before -> before.signed(at),
                doc -> new CaseDocument.NextAction("PAY_OUT", "Pay out the loan", at));
    }

    @EventHandler
    void on(PaidOut event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bidding(
                event.caseId(),
                sequence,
                at,
                "PaidOut",
                ActivityText.paidOut(event),
                before -> before.paidOut(event.partnerId(), event.amountSek(), at),
                doc -> null);
    }

    @EventHandler
    void on(FollowUpScheduled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(
                event.caseId(),
                sequence,
                at,
                "FollowUpScheduled",
                ActivityText.followUpScheduled(event, text(event.note())),
                before -> before.withFollowUps(
                        sequence + 1,
                        FollowUp.scheduled(before.followUps(), event, text(event.note())),
                        before.nextAction(),
                        at));
    }

    /** A follow-up falling due is the next action from then on: the case is in Today on its date. */
    @EventHandler
    void on(FollowUpDue event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(
                event.caseId(),
                sequence,
                at,
                "FollowUpDue",
                ActivityText.followUpDue(event, text(event.note())),
                before -> before.withFollowUps(
                        sequence + 1,
                        FollowUp.due(before.followUps(), event.followUpId(), at),
                        before.isOpen()
                                ? new CaseDocument.NextAction(
                                        FollowUp.NEXT_ACTION, FollowUp.label(text(event.note())), at)
                                : before.nextAction(),
                        at));
    }

    private void bid(
            String caseId, long sequence, Instant at, String type, String text, String partnerId, BidTerms terms) {
        bidding(
                caseId,
                sequence,
                at,
                type,
                text,
                before -> before.withBid(partnerId, terms, at),
                CaseDocument::nextAction);
    }

    /**
     * A change to the bidding section opened before (without one, as for an event of a case never offered, only the
     * activity line is added) and the next action after it; a closed case keeps having none.
     */
    private void bidding(
            String caseId,
            long sequence,
            Instant at,
            String type,
            String text,
            UnaryOperator<CaseBidding> change,
            Function<CaseDocument, CaseDocument.NextAction> next) {
        apply(caseId, sequence, at, type, text, before -> {
            CaseBidding section = before.bidding() == null ? null : change.apply(before.bidding());
            return before.withBidding(
                    sequence + 1, section, before.isOpen() ? next.apply(before) : before.nextAction(), at);
        });
    }

    private void check(
            String caseId,
            Party party,
            long sequence,
            Instant at,
            String type,
            String text,
            UnaryOperator<CaseChecks.PartyCheck> change) {
        apply(
                caseId,
                sequence,
                at,
                type,
                text,
                before -> before.withChecks(sequence + 1, CaseChecks.change(before.checks(), party, change), at));
    }

    /** A party with no check yet (a skip before any identity check). */
    private static CaseChecks.PartyCheck party(CaseChecks.PartyCheck check) {
        return check != null ? check : CaseChecks.PartyCheck.NONE;
    }

    /** A replay starts from an empty read side. */
    @ResetHandler
    void reset() {
        long deleted = store.get().deleteAll(CaseProjectionsGroup.CASE_KEYS);
        log.info("Reset of {}: deleted {} Redis keys", CaseProjectionsGroup.NAME, deleted);
    }

    private void apply(
            String caseId, long sequence, Instant at, String type, String text, UnaryOperator<CaseDocument> change) {
        apply(caseId, sequence, at, type, text, change, (after, write) -> {});
    }

    private void apply(
            String caseId,
            long sequence,
            Instant at,
            String type,
            String text,
            UnaryOperator<CaseDocument> change,
            BiConsumer<CaseDocument, Write> more) {
        write(target -> {
            String current = target.get(documentKey(caseId));
            CaseDocument before = read(current);
            if (before != null && before.version() > sequence) {
                return null; // redelivered; the Lua script would refuse it too
            }
            if (before == null && sequence > 0) {
                log.warn("Skipping {} #{} of case {}: its document is missing", type, sequence, caseId);
                return null;
            }
            CaseDocument after = change.apply(before);
            Write write = Write.at("applied/case/" + caseId, sequence)
                    .expect(documentKey(caseId), current)
                    .document(documentKey(caseId), after.version(), write(after));
            if (!after.applicantErased()) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("version", Long.toString(sequence + 1));
                entry.put("type", type);
                entry.put("text", text);
                entry.put("at", at.toString());
                entry.put("localTime", SwedishFormat.localTime(at));
                write.feedEntry(activityKey(caseId), (sequence + 1) + "-0", entry);
            } else if (before == null) {
                write.feedEntry(activityKey(caseId), ERASED_ENTRY_ID, erasedEntry(after));
            }
            more.accept(after, write);
            Views.changes(before, after, caseId, write);
            return write;
        });
    }

    private void write(Function<ProjectionStore, Write> read) {
        ProjectionStore.readAndApply(store, read);
    }

    /** Masks are made here from the wrapped values (events carry none), so they go when the key is shredded. */
    private CaseDocument.Person person(ProtectedApplicant applicant) {
        String name = reveal(applicant.name());
        if (name == null) {
            return CaseDocument.Person.erased();
        }
        return new CaseDocument.Person(
                name,
                Masks.name(name),
                masked(applicant.personalNumber(), Masks::personalNumber),
                masked(applicant.mobilePhone(), Masks::phone),
                masked(applicant.email(), Masks::email),
                masked(applicant.address(), Masks::addressLine));
    }

    private String masked(ProtectedValue value, UnaryOperator<String> mask) {
        String plaintext = reveal(value);
        return plaintext == null ? ERASED : mask.apply(plaintext);
    }

    /**
     * Free text as staff read it: the plaintext, {@code (erased)} once the person was erased, null for no text
     * (or text of a revision-1 event that the upcaster dropped before the migration rewrote it).
     */
    private String text(ProtectedValue value) {
        if (value == null) {
            return null;
        }
        String plaintext = reveal(value);
        return plaintext == null ? ERASED : plaintext;
    }

    /** The plaintext, or null when the person was erased. */
    private String reveal(ProtectedValue value) {
        Unwrapped unwrapped = unwrapper.unwrap(value.token(), TrustedCaller.STAFF_PROJECTION, UNWRAP_PURPOSE);
        return unwrapped instanceof Unwrapped.Revealed revealed ? revealed.plaintext() : null;
    }

    private CaseDocument read(String document) {
        try {
            return document == null ? null : json.readValue(document, CaseDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable case document", e);
        }
    }

    private String write(CaseDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
