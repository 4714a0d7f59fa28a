package se.caseflow.projections.cases;

import java.util.List;
import java.util.Objects;
import se.caseflow.projections.store.Write;

/**
 * Every view over case documents. To add one, add a line here: its name, whether it is kept per day, and
 * the rule (document -> ranking instant, or null when not a member). Nothing else changes: the case viewer
 * lists the views in this order ({@code ViewCatalog}).
 */
final class Views {

    static final List<View> ALL = List.of(
            // every open case, oldest first by opening time
            View.whole("open", doc -> doc.isOpen() ? doc.openedAt() : null),
            // open cases whose current next action arose that day; opening sets "review", so every case
            // opened that day is in it until it closes or a later event gives it a new next action (one that
            // waits for partners or the applicant takes it out; a follow-up falling due brings it back)
            View.daily(
                    "today",
                    doc -> doc.isOpen()
                                    && doc.nextAction() != null
                                    && !doc.nextAction().waiting()
                            ? doc.nextAction().since()
                            : null),
            // cases closed that day
            View.daily("closed-today", doc -> doc.isClosed() ? doc.closedAt() : null),
            // open cases with a verified party whose UC credit check has not concluded, ranked by when it began waiting
            View.whole("awaiting-credit-check", doc -> waitingSince(doc, CaseChecks.WAITING)),
            // open cases a person must look at: identity rejected, credit check failed, unknown or skipped
            View.whole("needs-attention", doc -> waitingSince(doc, CaseChecks.NEEDS_ATTENTION)),
            // open cases whose bidding window is open, ranked by when it closes
            View.whole(
                    "bidding",
                    doc -> doc.isOpen()
                                    && doc.bidding() != null
                                    && CaseBidding.OPEN.equals(doc.bidding().status())
                            ? doc.bidding().closesAt()
                            : null),
            // debt letters sent that day (the case stays in it when it is signed or closed later)
            View.daily(
                    "debt-letter-sent",
                    doc -> doc.bidding() != null && doc.bidding().debtLetter() != null
                            ? doc.bidding().debtLetter().sentAt()
                            : null),
            // open cases whose debt letter went out and is not signed yet, ranked by when it was sent
            View.whole(
                    "awaiting-signature",
                    doc -> doc.isOpen()
                                    && doc.bidding() != null
                                    && doc.bidding().awaitingSignature()
                            ? doc.bidding().debtLetter().sentAt()
                            : null));

    private Views() {}

    private static java.time.Instant waitingSince(CaseDocument doc, List<String> statuses) {
        return doc.isOpen() && doc.checks() != null ? doc.checks().earliestIn(statuses) : null;
    }

    /** Adds to {@code write} the ZREM/ZADD that move the case from where it was to where it is now. */
    static void changes(CaseDocument before, CaseDocument after, String caseId, Write write) {
        for (View view : ALL) {
            View.Placement was = view.placement(before);
            View.Placement is = view.placement(after);
            if (Objects.equals(was, is)) {
                continue;
            }
            if (was != null && (is == null || !was.key().equals(is.key()))) {
                write.viewRemove(was.key(), caseId);
            }
            if (is != null) {
                write.viewAdd(is.key(), caseId, is.score());
            }
        }
    }
}
