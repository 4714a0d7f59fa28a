/* The staff case page's bidding and debt-letter panels (templates/bidding.html), from the case document's
   "bidding" section: status and countdown, invited partners, every bid live, the ranked offers with an
   Acceptera button each, and which debt-letter step comes next (its "stage"). cases.js calls
   caseflow.showBidding with every new copy of the case document. */
(function () {
    "use strict";
    const cf = window.caseflow;

    function cell(row, text, className) {
        const td = document.createElement("td");
        if (className) td.className = className;
        td.textContent = text == null ? "–" : text;
        row.appendChild(td);
        return td;
    }

    function show(page, doc) {
        const panel = page.querySelector("[data-bidding-panel]");
        const letterPanel = page.querySelector("[data-debt-letter-panel]");
        if (!panel) return;
        const bidding = doc.bidding;
        panel.hidden = !bidding;
        if (letterPanel) letterPanel.hidden = !bidding || !bidding.accepted;
        if (!bidding) return;
        const names = JSON.parse(panel.dataset.partnerNames || "{}");
        const name = (partnerId) => names[partnerId] || partnerId;
        function termCells(row, terms) {
            cell(row, terms.amount, "num");
            cell(row, terms.nominalRate, "num");
            cell(row, terms.effectiveRate, "num");
            cell(row, terms.termMonths + " months", "num");
            cell(row, terms.monthlyCost, "num");
            cell(row, terms.validUntil, "nowrap");
        }

        const status = panel.querySelector("[data-bidding-status]");
        status.textContent = bidding.status;
        status.dataset.biddingState = bidding.status;
        panel.querySelector("[data-countdown]").dataset.closesAt = bidding.status === "open" ? bidding.closesAt : "";
        if (bidding.status !== "open") panel.querySelector("[data-countdown]").textContent = "";
        cf.tick();
        const invited = bidding.invitedPartners || [];
        panel.querySelector("[data-bidding-invited]").textContent =
            invited.length === 0 ? "no partner matched" : invited.map(name).join(", ");

        const bids = panel.querySelector("[data-bids]");
        bids.replaceChildren();
        (bidding.bids || []).forEach((bid) => {
            const row = document.createElement("tr");
            row.dataset.partnerId = bid.partnerId;
            cell(row, name(bid.partnerId), "name");
            termCells(row, bid.terms);
            bids.appendChild(row);
        });
        panel.querySelector("[data-bids-empty]").hidden = bids.children.length > 0;

        panel.querySelector("[data-offers-block]").hidden = bidding.status !== "closed";
        const offers = panel.querySelector("[data-offers]");
        const template = panel.querySelector("[data-accept-template]");
        offers.replaceChildren();
        (bidding.offers || []).forEach((offer) => {
            const row = document.createElement("tr");
            row.dataset.partnerId = offer.partnerId;
            cell(row, offer.rank, "num");
            cell(row, name(offer.partnerId), "name");
            termCells(row, offer.terms);
            const action = cell(row, "");
            if (bidding.accepted) {
                if (bidding.accepted.partnerId === offer.partnerId) action.textContent = "Accepted";
            } else if (doc.status !== "CLOSED") {
                const form = template.content.firstElementChild.cloneNode(true);
                form.elements["partnerId"].value = offer.partnerId;
                // a key per rendered form (none where the page is not a secure context: the post then runs without one)
                form.elements["idempotencyKey"].value = window.crypto && crypto.randomUUID ? crypto.randomUUID() : "";
                action.appendChild(form);
            }
            offers.appendChild(row);
        });
        panel.querySelector("[data-offers-empty]").hidden = offers.children.length > 0;
        const accepted = panel.querySelector("[data-accepted]");
        accepted.hidden = !bidding.accepted;
        if (bidding.accepted) {
            accepted.querySelector("[data-accepted-partner]").textContent =
                name(bidding.accepted.partnerId) + ": " + bidding.accepted.terms.amount + " at "
                + bidding.accepted.terms.effectiveRate + " effective";
        }

        if (letterPanel && bidding.accepted) {
            letterPanel.dataset.stage = bidding.stage;
            letterPanel.querySelector("[data-debt-letter-state]").textContent = letterText(bidding);
            letterPanel.querySelectorAll("form[data-when]").forEach((form) => {
                form.hidden = form.dataset.when !== bidding.stage || doc.status === "CLOSED";
            });
        }
    }

    function letterText(bidding) {
        const letter = bidding.debtLetter || {};
        switch (bidding.stage) {
            case "offer-accepted":
                return "Not sent yet.";
            case "debt-letter-sent":
                return "Sent " + cf.localTime(letter.sentAt) + ", waiting for the signature"
                    + (letter.reminders ? " (" + letter.reminders + " reminder(s) so far)" : "")
                    + (letter.remindAt ? "; next reminder " + cf.localTime(letter.remindAt) : "") + ".";
            case "debt-letter-signed":
                return "Signed " + cf.localTime(letter.signedAt) + ": record the payout.";
            case "paid-out":
                return "Paid out " + bidding.paidOut.amount + " " + cf.localTime(bidding.paidOut.paidAt) + ".";
            default:
                return "–";
        }
    }

    function showFollowUps(page, doc) {
        const list = page.querySelector("[data-follow-ups]");
        if (!list) return;
        list.replaceChildren();
        (doc.followUps || []).forEach((followUp) => {
            const li = document.createElement("li");
            li.textContent = followUp.date + ": " + followUp.note + (followUp.due ? " (due)" : "");
            list.appendChild(li);
        });
    }

    cf.showBidding = (page, doc) => {
        show(page, doc);
        showFollowUps(page, doc);
    };
})();
