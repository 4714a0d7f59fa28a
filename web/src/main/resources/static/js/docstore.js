/*
 * caseflow doc-store client: one websocket to /ws/docs for the whole page (docs/docstore.md).
 *
 *   const off = caseflow.docs.subscribe("case/42", {onDoc: (doc, version) => ...});
 *   caseflow.docs.subscribe("case/42/activity", {after: "3-0", onEntries: (entries) => ...});
 *
 * Documents and views call onDoc with every new copy; feeds call onEntries with new entries only, each
 * once: on reconnect a feed resumes after the last entry id it delivered, documents are read again.
 * The socket reconnects with backoff; an element [data-connection] shows the state. disconnect() and
 * connect() pause and resume the whole socket (a reconnect like any other).
 */
(function () {
    "use strict";

    function compareIds(a, b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        const [am, as] = a.split("-").map(Number);
        const [bm, bs] = b.split("-").map(Number);
        return am !== bm ? am - bm : as - bs;
    }

    const STATES = {
        connecting: "Connecting…",
        live: "Live",
        reconnecting: "Reconnecting…",
        offline: "Offline: retrying",
        paused: "Paused",
    };

    class DocStore {
        constructor(url) {
            this.url = url;
            this.subs = new Map();
            this.socket = null;
            this.attempt = 0;
            this.timer = null;
            this.state = null;
            this.paused = false;
        }

        /** Subscribes to a key; returns a function that unsubscribes. */
        subscribe(key, handlers) {
            const sub = {
                key: key,
                feed: typeof handlers.onEntries === "function",
                lastId: handlers.after || null,
                handlers: handlers,
            };
            this.subs.set(key, sub);
            this.send(this.subscribeFrame(sub));
            this.open();
            return () => this.unsubscribe(key, sub);
        }

        unsubscribe(key, sub) {
            if (this.subs.get(key) !== sub) return;
            this.subs.delete(key);
            this.send({unsubscribe: key});
        }

        subscribeFrame(sub) {
            const frame = {subscribe: sub.key};
            if (sub.feed && sub.lastId) frame.after = sub.lastId;
            return frame;
        }

        send(frame) {
            if (this.socket && this.socket.readyState === WebSocket.OPEN) {
                this.socket.send(JSON.stringify(frame));
            }
        }

        open() {
            if (this.paused || this.socket || this.timer) return;
            this.show(this.attempt === 0 ? "connecting" : "reconnecting");
            const socket = new WebSocket(this.url);
            this.socket = socket;
            socket.onopen = () => {
                this.attempt = 0;
                this.show("live");
                // documents are read again, feeds resume after the last entry they delivered
                this.subs.forEach((sub) => socket.send(JSON.stringify(this.subscribeFrame(sub))));
            };
            socket.onmessage = (event) => this.receive(JSON.parse(event.data));
            socket.onclose = (event) => {
                if (this.socket !== socket) return;
                this.socket = null;
                // 4401: the sign-in this socket followed has ended; retrying would only be refused
                if (event.code === 4401) {
                    window.location.assign("/login");
                    return;
                }
                this.attempt++;
                this.show(this.attempt > 3 ? "offline" : "reconnecting");
                // 0.5 s, 1 s, 2 s ... at most 30 s, with jitter so a restarted server is not stormed
                const delay = Math.min(30000, 500 * Math.pow(2, this.attempt - 1)) * (0.75 + Math.random() / 2);
                this.timer = setTimeout(() => {
                    this.timer = null;
                    this.open();
                }, delay);
            };
        }

        /** Closes the socket and stays away until connect(), keeping every subscription for then. */
        disconnect() {
            this.paused = true;
            clearTimeout(this.timer);
            this.timer = null;
            const socket = this.socket;
            this.socket = null;
            if (socket) socket.close();
            this.show("paused");
        }

        /** Opens the socket (again); every subscription is renewed, feeds resume after their last entry. */
        connect() {
            this.paused = false;
            this.open();
        }

        receive(frame) {
            const sub = frame.key == null ? null : this.subs.get(frame.key);
            if (!sub) return;
            if (frame.error) {
                if (frame.error === "gap") {
                    // the server ended the feed without losing anything: resume where it says
                    if (frame.resumeAfter) sub.lastId = frame.resumeAfter;
                    this.send(this.subscribeFrame(sub));
                    return;
                }
                this.subs.delete(frame.key);
                if (sub.handlers.onError) sub.handlers.onError(frame.error, frame.message);
                return;
            }
            if (frame.entries && sub.feed) {
                const fresh = frame.entries.filter((e) => compareIds(e.id, sub.lastId) > 0);
                if (fresh.length > 0) {
                    sub.lastId = fresh[fresh.length - 1].id;
                    sub.handlers.onEntries(fresh);
                }
            } else if (frame.doc && sub.handlers.onDoc) {
                sub.handlers.onDoc(frame.doc, frame.version);
            }
        }

        show(state) {
            this.state = state;
            document.querySelectorAll("[data-connection]").forEach((el) => {
                el.dataset.state = state;
                el.textContent = STATES[state];
            });
        }
    }

    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const docs = new DocStore(scheme + "//" + location.host + "/ws/docs");

    /** "2026-11-25 14:05" in Europe/Stockholm, like the server renders it. */
    const stockholm = new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Europe/Stockholm",
        year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    function localTime(instant) {
        if (!instant) return "";
        const p = {};
        stockholm.formatToParts(new Date(instant)).forEach((part) => (p[part.type] = part.value));
        return p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute;
    }

    function path(doc, dotted) {
        return dotted.split(".").reduce((value, name) => (value == null ? null : value[name]), doc);
    }

    /** data-format names: "time" an instant in Europe/Stockholm, "months" a term. */
    const formats = {time: localTime, months: (value) => value + " months"};

    /**
     * Writes a document into every [data-doc="a.b"] element under root, through its data-format if it has one;
     * missing values show data-empty (default "–").
     */
    function fill(root, doc) {
        root.querySelectorAll("[data-doc]").forEach((el) => {
            let value = path(doc, el.dataset.doc);
            const format = formats[el.dataset.format];
            if (value != null && format) value = format(value);
            const text = value == null || value === "" ? (el.dataset.empty || "–") : String(value);
            if (el.textContent !== text) el.textContent = text;
        });
    }

    window.caseflow = {docs: docs, fill: fill, formats: formats, localTime: localTime, compareIds: compareIds};
})();
