/* The staff case page's bidding and debt-letter panels (templates/bidding.html), from the case document's
   "bidding" section: status and countdown, invited partners, every bid live, the ranked offers with an
   Acceptera button each, and which debt-letter step comes next. cases.js calls caseflow.showBidding with every
   new copy of the case document. */
(function () {
    "use strict";
    const f = window.caseflow;

    function cell(row, text, className) {
        const td = document.createElement("td");
        if (className) td.className = className;
        td.textContent = text;
        row.appendChild(td);
        return td;
    }

    function partnerName(entry) {
        return entry.name || entry.partnerName || entry.partnerId;
    }

    function termCells(row, terms) {
        cell(row, f.kronor(terms.amountSek), "num");
        cell(row, f.percent(terms.nominalRatePercent), "num");
        cell(row, f.percent(terms.effectiveRatePercent), "num");
        cell(row, terms.termMonths + " months", "num");
        cell(row, f.ore(terms.monthlyCostOre), "num");
        cell(row, terms.validUntil || "–", "nowrap");
    }

    /** The next debt-letter step: accepted (send it), sent (record signed), signed (record payout), paid. */
    function stage(bidding) {
        if (!bidding || !bidding.accepted) return "none";
        if (bidding.paidOut) return "paid";
        const letter = bidding.debtLetter;
        if (!letter || !letter.status) return "accepted";
        return letter.status === "signed" ? "signed" : "sent";
    }

    function letterText(bidding, now) {
        const letter = bidding.debtLetter || {};
        const accepted = "Offer of " + partnerName(bidding.accepted) + " accepted";
        switch (now) {
            case "accepted":
                return accepted + "; the debt letter is not sent yet.";
            case "sent":
                return "Sent " + f.localTime(letter.sentAt) + ", waiting for the signature"
                    + (letter.reminders ? " (" + letter.reminders + " reminder(s) sent)" : "") + ".";
            case "signed":
                return "Signed " + f.localTime(letter.signedAt) + "; record the payout.";
            case "paid":
                return "Paid out " + f.kronor(bidding.paidOut.amountSek) + ".";
            default:
                return "–";
        }
    }

    function show(page, doc) {
        const panel = page.querySelector("[data-bidding-panel]");
        const letterPanel = page.querySelector("[data-debt-letter-panel]");
        if (!panel) return;
        const bidding = doc.bidding;
        panel.hidden = !bidding;
        if (!bidding) {
            if (letterPanel) letterPanel.hidden = true;
            return;
        }
        const status = panel.querySelector("[data-bidding-status]");
        status.textContent = bidding.status;
        status.dataset.biddingState = bidding.status;
        const countdown = panel.querySelector("[data-countdown]");
        countdown.dataset.closesAt = bidding.status === "open" ? bidding.closesAt || "" : "";
        f.tick();
        const invited = bidding.invited || [];
        panel.querySelector("[data-bidding-invited]").textContent =
            invited.length === 0 ? "nobody matched" : invited.map(partnerName).join(", ");

        const bids = panel.querySelector("[data-bids]");
        bids.replaceChildren();
        (bidding.bids || []).forEach((bid) => {
            const row = document.createElement("tr");
            row.dataset.partnerId = bid.partnerId;
            cell(row, partnerName(bid), "name");
            termCells(row, bid.terms);
            bids.appendChild(row);
        });
        panel.querySelector("[data-bids-empty]").hidden = bids.children.length > 0;

        const closed = bidding.status === "closed";
        panel.querySelector("[data-offers-block]").hidden = !closed;
        const offers = panel.querySelector("[data-offers]");
        const template = panel.querySelector("[data-accept-template]");
        offers.replaceChildren();
        (bidding.offers || []).forEach((offer) => {
            const row = document.createElement("tr");
            row.dataset.partnerId = offer.partnerId;
            cell(row, offer.rank, "num");
            cell(row, partnerName(offer), "name");
            termCells(row, offer.terms);
            const action = cell(row, "");
            if (!bidding.accepted && doc.status !== "CLOSED") {
                const form = template.content.firstElementChild.cloneNode(true);
                form.elements["partnerId"].value = offer.partnerId;
                form.elements["idempotencyKey"].value = crypto.randomUUID();
                action.appendChild(form);
            } else if (bidding.accepted && bidding.accepted.partnerId === offer.partnerId) {
                action.textContent = "Accepted";
            }
            offers.appendChild(row);
        });
        panel.querySelector("[data-offers-empty]").hidden = offers.children.length > 0;
        const accepted = panel.querySelector("[data-accepted]");
        accepted.hidden = !bidding.accepted;
        if (bidding.accepted) {
            accepted.querySelector("[data-accepted-partner]").textContent = partnerName(bidding.accepted);
        }

        if (letterPanel) {
            const now = stage(bidding);
            letterPanel.hidden = now === "none";
            letterPanel.dataset.stage = now;
            letterPanel.querySelector("[data-debt-letter-state]").textContent = letterText(bidding, now);
            letterPanel.querySelectorAll("form[data-when]").forEach((form) => {
                form.hidden = form.dataset.when !== now || doc.status === "CLOSED";
            });
        }
        const followUps = page.querySelector("[data-follow-ups]");
        if (followUps) {
            followUps.replaceChildren();
            (doc.followUps || []).forEach((followUp) => {
                const li = document.createElement("li");
                li.textContent = followUp.date + ": " + followUp.note + (followUp.due ? " (due)" : "");
                followUps.appendChild(li);
            });
        }
    }

    window.caseflow.showBidding = show;
})();
