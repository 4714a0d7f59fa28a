package se.caseflow.projections.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
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
import se.caseflow.domain.api.OfferAccepted;
import se.caseflow.domain.api.RankedOffer;
import se.caseflow.domain.json.Json;
import se.caseflow.projections.CaseProjectionsGroup;
import se.caseflow.projections.format.Summary;
import se.caseflow.projections.format.Terms;
import se.caseflow.projections.store.ProjectionStore;
import se.caseflow.projections.store.Write;

/**
 * Bidding as each partner sees it, in the {@code case-projections} processing group (so a rebuild redoes it too):
 *
 * <ul>
 *   <li>{@code partner/{partnerId}/offers}: a view of the cases offered to the partner, ranked by when they were;
 *   <li>{@code partner/{partnerId}/case/{caseId}}: its {@link PartnerCaseDocument}, written only when it changes.
 * </ul>
 *
 * <p>Bids are sealed: a partner's document changes only by its own bid or by what every invited partner learns (the
 * window closed, an offer was accepted, the case closed), and its version counts those changes only. Each event's
 * writes are one Lua call guarded by {@code applied/partner/{caseId}} (the aggregate sequence), so a redelivered
 * event changes nothing; everything comes from the events, so a rebuild writes the same.
 */
@ProcessingGroup(CaseProjectionsGroup.NAME)
class PartnerProjection {

    private static final Logger log = LoggerFactory.getLogger(PartnerProjection.class);

    private final Supplier<ProjectionStore> store;
    private final ObjectMapper json = Json.mapper();

    PartnerProjection(ProjectionStore store) {
        this(() -> store);
    }

    /** Writing wherever {@code store} points at each event: the rebuild twin writes the generation being built. */
    PartnerProjection(Supplier<ProjectionStore> store) {
        this.store = store;
    }

    static String offersKey(String partnerId) {
        return "partner/" + partnerId + "/offers";
    }

    static String documentKey(String partnerId, String caseId) {
        return "partner/" + partnerId + "/case/" + caseId;
    }

    @EventHandler
    void on(BiddingOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant closesAt = Instant.parse(event.closesAt());
        Summary summary = Summary.of(event.summary());
        List<PartnerCaseDocument> invited = event.invitedPartners().stream()
                .distinct()
                .map(partnerId -> PartnerCaseDocument.offered(event.caseId(), partnerId, summary, at, closesAt))
                .toList();
        apply(event.caseId(), sequence, true, before -> invited);
    }

    @EventHandler
    void on(BidPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bid(event.caseId(), sequence, event.partnerId(), event.terms(), at);
    }

    @EventHandler
    void on(BidRevised event, @SequenceNumber long sequence, @Timestamp Instant at) {
        bid(event.caseId(), sequence, event.partnerId(), event.terms(), at);
    }

    @EventHandler
    void on(BidWithdrawn event, @SequenceNumber long sequence) {
        change(event.caseId(), sequence, doc -> doc.partnerId().equals(event.partnerId()) ? doc.withBid(null) : doc);
    }

    /** Closed: whoever has no ranked offer (no bid, or one no longer valid) lost; the others wait for the choice. */
    @EventHandler
    void on(BiddingClosed event, @SequenceNumber long sequence) {
        Set<String> offered =
                event.offers().stream().map(RankedOffer::partnerId).collect(Collectors.toSet());
        change(
                event.caseId(),
                sequence,
                doc -> doc.closed(
                        doc.pending() && !offered.contains(doc.partnerId())
                                ? PartnerCaseDocument.LOST
                                : doc.outcome()));
    }

    @EventHandler
    void on(OfferAccepted event, @SequenceNumber long sequence) {
        change(
                event.caseId(),
                sequence,
                doc -> doc.closed(
                        doc.partnerId().equals(event.partnerId())
                                ? PartnerCaseDocument.WON
                                : PartnerCaseDocument.LOST));
    }

    /** A case closed without accepting a partner's offer: that partner lost (a winner stays the winner). */
    @EventHandler
    void on(CaseClosed event, @SequenceNumber long sequence) {
        change(event.caseId(), sequence, doc -> doc.closed(doc.pending() ? PartnerCaseDocument.LOST : doc.outcome()));
    }

    /** A rebuild of the group starts from an empty read side: this deletes the partner projection's keys. */
    @ResetHandler
    void reset() {
        long deleted = store.get().deleteAll(CaseProjectionsGroup.PARTNER_KEYS);
        log.info("Reset of the partner projection: deleted {} Redis keys", deleted);
    }

    private void bid(String caseId, long sequence, String partnerId, BidTerms terms, Instant at) {
        change(caseId, sequence, doc -> {
            if (!doc.partnerId().equals(partnerId)) {
                return doc;
            }
            Instant placedAt = doc.bid() == null ? at : doc.bid().placedAt();
            Instant revisedAt = doc.bid() == null ? null : at;
            return doc.withBid(new PartnerCaseDocument.Bid(Terms.of(terms), placedAt, revisedAt));
        });
    }

    /** Changes every invited partner's document; a case never offered to partners has none and is skipped. */
    private void change(String caseId, long sequence, UnaryOperator<PartnerCaseDocument> change) {
        apply(caseId, sequence, false, before -> before.stream().map(change).toList());
    }

    private void apply(String caseId, long sequence, boolean opens, UnaryOperator<List<PartnerCaseDocument>> change) {
        try {
            apply(store.get(), caseId, sequence, opens, change);
        } catch (ProjectionStore.GenerationMovedException e) {
            // a rebuilt generation began to serve (on another node): read and write that one instead
            apply(store.get(), caseId, sequence, opens, change);
        }
    }

    /** Writes the documents that changed (each as its next version), offers new ones, and keeps the state. */
    private void apply(
            ProjectionStore store,
            String caseId,
            long sequence,
            boolean opens,
            UnaryOperator<List<PartnerCaseDocument>> change) {
        PartnerBidding state = read(store.get(stateKey(caseId)));
        if (state != null && state.version() > sequence) {
            return; // redelivered; the Lua script would refuse it too
        }
        if (state == null && !opens) {
            return; // the case was never offered to partners
        }
        List<PartnerCaseDocument> before = state == null ? List.of() : state.partners();
        List<PartnerCaseDocument> after = new ArrayList<>();
        Write write = Write.at(position(caseId), sequence);
        for (PartnerCaseDocument document : change.apply(before)) {
            PartnerCaseDocument was = after.size() < before.size() ? before.get(after.size()) : null;
            boolean changed = !document.equals(was);
            PartnerCaseDocument is = changed ? document.nextVersion() : document;
            if (changed) {
                write.document(documentKey(is.partnerId(), caseId), is.version(), write(is));
            }
            if (was == null) {
                write.viewAdd(offersKey(is.partnerId()), caseId, is.offeredAt().toEpochMilli());
            }
            after.add(is);
        }
        write.document(stateKey(caseId), sequence + 1, write(new PartnerBidding(sequence + 1, after)));
        store.apply(write);
    }

    private static String stateKey(String caseId) {
        return "partner-state/" + caseId;
    }

    private static String position(String caseId) {
        return "applied/partner/" + caseId;
    }

    private PartnerBidding read(String document) {
        try {
            return document == null ? null : json.readValue(document, PartnerBidding.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable partner state", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
