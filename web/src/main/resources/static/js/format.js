/* Numbers and countdowns as Swedish readers expect them, the same as the server paints them
   (se.caseflow.web.pages.PageFormat): 150 000 kr, 5,95 %, 2 345,67 kr. Every [data-countdown] element with a
   data-closes-at instant counts down each second. */
(function () {
    "use strict";

    function group(digits) {
        return digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    }

    /** Whole kronor: "150 000 kr". */
    function kronor(amount) {
        if (amount == null || amount === "") return "–";
        const n = Number(amount);
        return (n < 0 ? "-" : "") + group(String(Math.abs(n))) + " kr";
    }

    /** Öre as kronor with öre: 234567 -> "2 345,67 kr". Integer arithmetic only. */
    function ore(amount) {
        if (amount == null || amount === "") return "–";
        const n = Math.abs(Number(amount));
        const cents = String(n % 100).padStart(2, "0");
        return (Number(amount) < 0 ? "-" : "") + group(String(Math.floor(n / 100))) + "," + cents + " kr";
    }

    /** A percentage as written (a number or a decimal string): 5.95 -> "5,95 %". */
    function percent(value) {
        if (value == null || value === "") return "–";
        return String(value).replace(".", ",") + " %";
    }

    /** "1 h 02 min 05 s", "4 min 09 s", or "closed" once the instant has passed. */
    function countdown(closesAt, now) {
        if (!closesAt) return "";
        let left = Math.floor((new Date(closesAt).getTime() - now) / 1000);
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
            const text = countdown(el.dataset.closesAt, now);
            if (el.textContent !== text) el.textContent = text;
            el.dataset.closed = text === "closed" ? "true" : "false";
        });
    }
    tick();
    setInterval(tick, 1000);

    const INCOME_BANDS = {
        UNDER_20000: "under 20 000 kr",
        FROM_20000_TO_29999: "20 000–29 999 kr",
        FROM_30000_TO_44999: "30 000–44 999 kr",
        FROM_45000_TO_59999: "45 000–59 999 kr",
        FROM_60000: "60 000 kr or more",
    };

    Object.assign(window.caseflow.formats, {
        kronor: kronor,
        ore: ore,
        percent: percent,
        incomeBand: (band) => INCOME_BANDS[band] || band,
    });

    window.caseflow = Object.assign(window.caseflow, {
        kronor: kronor,
        ore: ore,
        percent: percent,
        countdown: countdown,
        tick: tick,
    });
})();
