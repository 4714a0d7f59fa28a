/* The partner pages, live: the offered cases (partner/<id>/offers and each partner/<id>/case/<caseId>) and one
   case's page (its partner document: status, countdown, the partner's own bid, the outcome). Only the signed-in
   partner's own keys; nobody else's bid is ever in them. */
(function () {
    "use strict";
    const cf = window.caseflow;
    const OUTCOMES = {won: "Vunnen", lost: "Förlorad", pending: "Väntar"};

    /** The partner's own bid terms in its document, or null. */
    function ownTerms(doc) {
        return doc.bid ? doc.bid.terms : null;
    }

    function outcome(root, doc) {
        root.querySelectorAll("[data-outcome]").forEach((el) => {
            el.dataset.outcome = doc.outcome || "";
            el.textContent = OUTCOMES[doc.outcome] || doc.outcome || "–";
        });
    }

    function countdown(root, doc) {
        root.querySelectorAll("[data-countdown]").forEach((el) => {
            el.dataset.closesAt = doc.status === "open" ? doc.closesAt || "" : "";
            if (doc.status !== "open") el.textContent = "closed";
        });
        cf.tick();
    }

    /** A row of the list: the summary, the window, the partner's own bid, the outcome. */
    function showRow(row, doc) {
        cf.fill(row, doc);
        countdown(row, doc);
        const terms = ownTerms(doc);
        row.querySelector("[data-own-bid]").textContent = terms
            ? terms.amount + ", " + terms.effectiveRate + " effective"
            : "–";
        outcome(row, doc);
        row.dataset.version = doc.version;
    }

    function follow(root, key, show) {
        return cf.docs.subscribe(key, {
            onDoc: (doc) => {
                if (Number(root.dataset.version || 0) <= doc.version) show(root, doc);
            },
        });
    }

    const list = document.querySelector("[data-partner-list]");
    if (list) {
        const partnerId = list.dataset.partnerId;
        const tbody = list.querySelector("[data-rows]");
        const template = list.querySelector("[data-row-template]");
        const empty = list.querySelector("[data-empty-view]");
        const rows = new Map();
        const caseKey = (caseId) => "partner/" + partnerId + "/case/" + caseId;

        tbody.querySelectorAll("tr[data-case-id]").forEach((row) => {
            rows.set(row.dataset.caseId, {row: row, off: follow(row, caseKey(row.dataset.caseId), showRow)});
        });

        cf.docs.subscribe(list.dataset.offersKey, {
            onDoc: (view) => {
                list.querySelector("[data-count]").textContent = view.count;
                view.members.forEach((member) => {
                    let entry = rows.get(member.caseId);
                    if (!entry) {
                        const row = template.content.firstElementChild.cloneNode(true);
                        row.dataset.caseId = member.caseId;
                        const link = row.querySelector("[data-link]");
                        link.href = "/partner/cases/" + encodeURIComponent(member.caseId);
                        link.textContent = member.caseId.substring(0, 8);
                        entry = {row: row, off: follow(row, caseKey(member.caseId), showRow)};
                        rows.set(member.caseId, entry);
                    }
                    tbody.appendChild(entry.row); // newest offer first
                });
                empty.hidden = view.members.length > 0;
            },
        });
    }

    const page = document.querySelector("[data-partner-case]");
    if (page) {
        follow(page, page.dataset.caseKey, (root, doc) => {
            cf.fill(root, doc);
            countdown(root, doc);
            outcome(root, doc);
            root.dataset.biddingState = doc.status;
            root.querySelectorAll("[data-bidding-status]").forEach((el) => (el.dataset.biddingState = doc.status));
            const terms = ownTerms(doc);
            root.dataset.hasBid = terms ? "true" : "false";
            root.querySelector("[data-no-bid]").hidden = !!terms;
            root.querySelector("[data-own-bid-terms]").hidden = !terms;
            // the form revises once there is a bid (placed here or in another window)
            const intent = root.querySelector("[data-intent]");
            if (intent) {
                intent.value = terms ? "revise" : "place";
                root.querySelector("[data-bid-button]").textContent = terms ? "Revise bid" : "Place bid";
                root.querySelector("[data-bid-heading]").textContent = terms ? "Revise your bid" : "Place a bid";
            }
            root.dataset.version = doc.version;
        });
    }
})();
