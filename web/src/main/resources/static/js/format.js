/* Countdowns: every [data-countdown] element with a data-closes-at instant counts down each second
   ("closes in 1 h 02 min 05 s", then "closed"). The documents carry money already formatted. */
(function () {
    "use strict";

    function countdown(closesAt, now) {
        if (!closesAt) return "";
        const left = Math.floor((new Date(closesAt).getTime() - now) / 1000);
        if (left <= 0) return "closed";
        const h = Math.floor(left / 3600);
        const m = Math.floor((left % 3600) / 60);
        const s = left % 60;
        const two = (x) => String(x).padStart(2, "0");
        return "closes in " + (h > 0 ? h + " h " + two(m) + " min " : m + " min ") + two(s) + " s";
    }

    function tick() {
        const now = Date.now();
        document.querySelectorAll("[data-countdown]").forEach((el) => {
            if (!el.dataset.closesAt) return;
            const text = countdown(el.dataset.closesAt, now);
            if (el.textContent !== text) el.textContent = text;
            el.dataset.closed = text === "closed" ? "true" : "false";
        });
    }
    tick();
    setInterval(tick, 1000);

    window.caseflow = Object.assign(window.caseflow, {countdown: countdown, tick: tick});
})();
