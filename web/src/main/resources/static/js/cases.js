/* The case viewer, live: view counts, the selected view's rows, the case page's document and timeline.
   The server painted the page; this keeps it current through caseflow.docs (docstore.js). */
(function () {
    "use strict";
    const docs = window.caseflow.docs;
    const fill = window.caseflow.fill;

    /** A case document into a row or a case page: every [data-doc], plus what depends on the status. */
    function show(root, doc) {
        root.querySelectorAll("[data-doc='nextAction.label']").forEach((el) => {
            if (doc.closeReason) el.dataset.empty = "Closed: " + doc.closeReason;
        });
        root.querySelectorAll("[data-co-applicant]").forEach((el) => (el.hidden = !doc.coApplicant));
        fill(root, doc);
        root.dataset.status = doc.status;
        root.querySelectorAll("[data-status]").forEach((el) => (el.dataset.status = doc.status));
        root.dataset.version = doc.version;
        if (root.matches("[data-case-page]") && window.caseflow.showBidding) window.caseflow.showBidding(root, doc);
    }

    /** Follows a case document; copies older than what is shown are ignored. */
    function follow(root, caseId) {
        return docs.subscribe("case/" + caseId, {
            onDoc: (doc) => {
                if (Number(root.dataset.version || 0) <= doc.version) show(root, doc);
            },
        });
    }

    const list = document.querySelector("[data-case-list]");
    if (list) {
        const tbody = list.querySelector("[data-rows]");
        const template = list.querySelector("[data-row-template]");
        const empty = list.querySelector("[data-empty-view]");
        const rows = new Map(); // caseId -> {row, off}

        tbody.querySelectorAll("tr[data-case-id]").forEach((row) => {
            rows.set(row.dataset.caseId, {row: row, off: follow(row, row.dataset.caseId)});
        });

        function render(members) {
            const wanted = new Set(members.map((m) => m.caseId));
            rows.forEach((entry, caseId) => {
                if (!wanted.has(caseId)) {
                    entry.off();
                    entry.row.remove();
                    rows.delete(caseId);
                }
            });
            members.forEach((member) => {
                let entry = rows.get(member.caseId);
                if (!entry) {
                    const row = template.content.firstElementChild.cloneNode(true);
                    row.dataset.caseId = member.caseId;
                    row.querySelector("[data-link]").href = "/cases/" + encodeURIComponent(member.caseId);
                    entry = {row: row, off: follow(row, member.caseId)};
                    rows.set(member.caseId, entry);
                }
                tbody.appendChild(entry.row); // in the view's order: latest first
            });
            empty.hidden = members.length > 0;
        }

        list.querySelectorAll("[data-view-key]").forEach((tab) => {
            const selected = tab.dataset.viewKey === list.dataset.selectedView;
            docs.subscribe(tab.dataset.viewKey, {
                onDoc: (view) => {
                    tab.querySelector("[data-count]").textContent = view.count;
                    if (selected) render(view.members);
                },
            });
        });
    }

    const page = document.querySelector("[data-case-page]");
    if (page) {
        const caseId = page.dataset.caseId;
        follow(page, caseId);
        const timeline = page.querySelector("[data-timeline]");
        const template = page.querySelector("[data-entry-template]");
        docs.subscribe("case/" + caseId + "/activity", {
            after: timeline.dataset.lastEntryId || null,
            onEntries: (entries) => {
                entries.forEach((entry) => {
                    const item = template.content.firstElementChild.cloneNode(true);
                    item.dataset.entryId = entry.id;
                    const time = item.querySelector("time");
                    time.dateTime = entry.at;
                    time.textContent = entry.localTime;
                    item.querySelector("[data-text]").textContent = entry.text;
                    timeline.appendChild(item);
                });
                timeline.dataset.lastEntryId = entries[entries.length - 1].id;
            },
        });
    }
})();
