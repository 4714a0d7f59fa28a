/* The ops page: the document ops/processors, pushed through the doc-store socket about once a second,
   re-renders the processor table and the rebuild progress (bar, phase, events/s, ETA). */
(function () {
    "use strict";
    const root = document.querySelector("[data-ops]");
    if (!root) return;

    function cell(text, className) {
        const td = document.createElement("td");
        if (className) td.className = className;
        td.textContent = text;
        return td;
    }

    function state(p) {
        if (!p.running) return ["STOPPED", "stopped"];
        if (p.errors.length > 0) return ["ERROR", "error"];
        return p.replaying ? ["REPLAYING", "replaying"] : ["RUNNING", "running"];
    }

    function renderProcessors(processors) {
        const body = root.querySelector("[data-processors]");
        const rows = processors.map((p) => {
            const tr = document.createElement("tr");
            tr.dataset.processor = p.name;
            const name = cell(p.name, "name");
            const [code, label] = state(p);
            const status = document.createElement("td");
            const badge = document.createElement("span");
            badge.className = "badge";
            badge.dataset.state = code;
            badge.textContent = label;
            status.appendChild(badge);
            p.errors.forEach((e) => {
                const div = document.createElement("div");
                div.className = "mask";
                div.textContent = e;
                status.appendChild(div);
            });
            const segments = document.createElement("td");
            segments.className = "nowrap";
            p.segments.forEach((s) => {
                const div = document.createElement("div");
                div.textContent = s.segment + " @ " + s.position + " (" + (s.owner || "unclaimed") + ")";
                segments.appendChild(div);
            });
            tr.append(name, cell(p.mode), status, cell(String(p.head - p.lag), "num"), cell(String(p.head), "num"),
                cell(String(p.lag), "num"), cell(String(p.eventsPerSecond), "num"), segments,
                cell(String(p.deadLetters), "num"));
            return tr;
        });
        body.replaceChildren(...rows);
    }

    function duration(seconds) {
        if (seconds == null) return "";
        if (seconds < 60) return seconds + " s";
        return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
    }

    function renderRebuild(r) {
        const box = root.querySelector("[data-rebuild]");
        const bar = box.querySelector("[data-rebuild-bar]");
        const text = box.querySelector("[data-rebuild-text]");
        if (!r) {
            box.dataset.phase = "NONE";
            bar.value = 0;
            text.textContent = "No rebuild since this node started.";
            return;
        }
        box.dataset.phase = r.phase;
        bar.value = r.percent;
        let line = r.processor + " → generation " + r.generation + ": " + r.phase.toLowerCase() + ", " + r.percent
            + " % (" + r.position + " of " + r.head + " events)";
        if (r.eventsPerSecond > 0 && r.phase === "BUILDING") line += ", " + r.eventsPerSecond + " events/s";
        if (r.etaSeconds != null && r.phase === "BUILDING") line += ", about " + duration(r.etaSeconds) + " left";
        if (r.error) line += ". " + r.error;
        if (r.anotherQueued) line += ". Another rebuild is queued (an erasure).";
        text.textContent = line;
    }

    caseflow.docs.subscribe("ops/processors", {
        onDoc: (doc) => {
            renderProcessors(doc.processors);
            renderRebuild(doc.rebuild);
            const at = root.querySelector("[data-ops-at]");
            if (at) at.textContent = caseflow.localTime(doc.at);
        },
    });
})();
