/*
 * The SMS panel (templates/sms.html): the conversation of a case live from the doc-store feed
 * case/{id}/sms, with delivery ticks, and the send box. The length and segment count come from the server
 * (GET /api/sms/length), which counts GSM-7 and UCS-2 as the network does.
 */
(function () {
    "use strict";

    // the message's state (latest feed entry of the message) -> tick and words for screen readers
    const TICKS = {
        requested: ["·", "Waiting to be sent"],
        scheduled: ["🕒", "Scheduled"],
        sending: ["…", "Being handed to Twilio"],
        accepted: ["✓", "Accepted by Twilio"],
        scheduled_twilio: ["✓", "Scheduled at Twilio"],
        queued: ["✓", "Sent to Twilio"],
        sent: ["✓", "Sent to the network"],
        partially_delivered: ["✓", "Partly delivered"],
        delivered: ["✓✓", "Delivered"],
        read: ["✓✓", "Read"],
        undelivered: ["✗", "Not delivered"],
        failed: ["✗", "Failed"],
        canceled: ["✗", "Canceled"],
        unknown: ["?", "Unknown whether it was sent: a person must check, it is not resent"],
        "not-sent-local-outbox": ["✗", "NOT SENT: local mode, see the outbox"],
        received: ["", "Received"],
    };

    function element(tag, className, text) {
        const el = document.createElement(tag);
        if (className) el.className = className;
        if (text != null) el.textContent = text;
        return el;
    }

    function start(panel) {
        const caseId = panel.dataset.smsCase;
        const thread = panel.querySelector("[data-sms-thread]");
        const form = panel.querySelector("[data-sms-send]");
        const text = panel.querySelector("[data-sms-text]");
        const template = panel.querySelector("[data-sms-template]");
        const length = panel.querySelector("[data-sms-length]");
        const error = panel.querySelector("[data-sms-error]");
        const readButton = panel.querySelector("[data-sms-read]");
        const messages = new Map();
        let unread = 0;

        function csrfHeaders() {
            const headers = {"Content-Type": "application/json"};
            const name = form.elements["_csrf_header"].value;
            if (name) headers[name] = form.elements["_csrf"].value;
            return headers;
        }

        function tick(li, state) {
            const [mark, words] = TICKS[state] || ["", state];
            const el = li.querySelector(".sms-tick");
            el.textContent = mark;
            el.title = words;
            el.setAttribute("aria-label", words);
            li.dataset.state = state;
        }

        function render(entry) {
            const f = entry.fields || entry;
            if (f.type === "SmsRepliesRead") {
                unread = 0;
                readButton.hidden = true;
                return;
            }
            const empty = thread.querySelector("[data-sms-empty]");
            if (empty) empty.remove();
            const key = f.direction === "in" ? "in:" + f.messageSid : f.messageId;
            let li = messages.get(key);
            if (!li) {
                li = element("li", "sms-message " + (f.direction === "in" ? "sms-in" : "sms-out"));
                li.appendChild(element("p", "sms-text", f.text || ""));
                const meta = element("p", "sms-meta");
                meta.appendChild(element("span", "sms-time", f.localTime));
                if (f.direction === "out" && f.segments) {
                    meta.appendChild(element("span", "muted", " · " + f.segments + " segment(s), " + f.encoding));
                }
                if (f.sendAtLocal) meta.appendChild(element("span", "muted", " · to be sent " + f.sendAtLocal));
                if (f.from) meta.appendChild(element("span", "mask", " · from " + f.from));
                if (f.note) meta.appendChild(element("span", "notice", " · " + f.note));
                meta.appendChild(element("span", "sms-tick"));
                meta.appendChild(element("span", "sms-detail muted"));
                li.appendChild(meta);
                messages.set(key, li);
                thread.appendChild(li);
                if (f.direction === "in") {
                    unread++;
                    readButton.hidden = false;
                }
            }
            tick(li, f.state);
            const detail = f.errorCode ? " " + f.errorCode + (f.errorMessage ? ": " + f.errorMessage : "") : (f.reason ? " " + f.reason : "");
            if (detail) li.querySelector(".sms-detail").textContent = detail;
        }

        // a case without SMS has no feed yet: the doc-store answers not-found and forgets the subscription,
        // so the panel asks again (soon after a send of its own, else every few seconds)
        let lastId = null;
        let retry = null;
        function subscribe() {
            clearTimeout(retry);
            caseflow.docs.subscribe("case/" + caseId + "/sms", {
                after: lastId,
                onEntries: (entries) => entries.forEach((entry) => {
                    lastId = entry.id;
                    render(entry);
                }),
                onError: (code) => {
                    if (code === "not-found") {
                        retry = setTimeout(subscribe, 3000);
                        return;
                    }
                    error.textContent = "The conversation could not be loaded (" + code + ").";
                    error.hidden = false;
                },
            });
        }
        subscribe();

        let timer = null;
        function measure() {
            clearTimeout(timer);
            const value = text.value;
            if (!value) {
                length.textContent = "0 characters";
                return;
            }
            timer = setTimeout(() => {
                fetch("/api/sms/length?text=" + encodeURIComponent(value), {credentials: "same-origin"})
                    .then((r) => (r.ok ? r.json() : null))
                    .then((l) => {
                        if (l && text.value === value) {
                            length.textContent = l.length + (l.encoding === "GSM7" ? " characters (GSM-7)" : " characters (UCS-2: special characters)")
                                + " · " + l.segments + " SMS segment" + (l.segments === 1 ? "" : "s");
                        }
                    });
            }, 150);
        }
        text.addEventListener("input", () => {
            template.value = "";
            measure();
        });

        fetch("/api/sms/templates", {credentials: "same-origin"})
            .then((r) => (r.ok ? r.json() : []))
            .then((templates) => {
                const byId = new Map();
                templates.forEach((t) => {
                    byId.set(t.templateId, t);
                    const option = element("option", null, t.templateId.toLowerCase().replace(/_/g, " ") + " (" + t.segments + " segment)");
                    option.value = t.templateId;
                    template.appendChild(option);
                });
                template.addEventListener("change", () => {
                    const t = byId.get(template.value);
                    if (t) {
                        text.value = t.text;
                        measure();
                        template.value = t.templateId;
                    }
                });
            });

        form.addEventListener("submit", (event) => {
            event.preventDefault();
            error.hidden = true;
            const messageId = crypto.randomUUID();
            const command = {caseId: caseId, messageId: messageId};
            if (template.value) command.templateId = template.value;
            else command.text = text.value;
            const sendAt = form.elements["sendAt"].value;
            if (sendAt) command.sendAt = new Date(sendAt).toISOString();
            fetch("/api/commands/SendSms", {
                method: "POST",
                credentials: "same-origin",
                headers: Object.assign({"Idempotency-Key": messageId}, csrfHeaders()),
                body: JSON.stringify(command),
            }).then((r) => {
                delete form.dataset.sending;
                form.querySelectorAll("button[type=submit]").forEach((b) => b.removeAttribute("aria-disabled"));
                if (r.ok) {
                    if (messages.size === 0) setTimeout(subscribe, 300);
                    form.reset();
                    length.textContent = "0 characters";
                    return;
                }
                return r.json().then((problem) => {
                    error.textContent = problem.detail || "The SMS was not accepted.";
                    error.hidden = false;
                });
            });
        });

        readButton.addEventListener("click", () => {
            fetch("/api/commands/MarkSmsRead", {
                method: "POST",
                credentials: "same-origin",
                headers: csrfHeaders(),
                body: JSON.stringify({caseId: caseId}),
            });
        });
    }

    document.querySelectorAll("[data-sms-case]").forEach(start);
})();
