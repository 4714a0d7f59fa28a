/* Forms: a submitted form's buttons are disabled until the next page, so a double click sends once
   (the form's idempotency key makes a second send harmless anyway). */
(function () {
    "use strict";
    document.addEventListener("submit", (event) => {
        const form = event.target;
        if (form.dataset.sending) {
            event.preventDefault();
            return;
        }
        form.dataset.sending = "true";
        form.querySelectorAll("button[type=submit]").forEach((b) => b.setAttribute("aria-disabled", "true"));
    });
    // a page restored from the back-forward cache gets its forms back
    window.addEventListener("pageshow", () => {
        document.querySelectorAll("form[data-sending]").forEach((form) => {
            delete form.dataset.sending;
            form.querySelectorAll("button[type=submit]").forEach((b) => b.removeAttribute("aria-disabled"));
        });
    });
    // the first field with an error gets the focus, so keyboard users land on it
    const invalid = document.querySelector("[aria-invalid=true]");
    if (invalid) invalid.focus();
})();
