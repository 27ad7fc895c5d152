/* Disable a form's submit button once the form has been sent, so that a double
   click sends it once. Mark the button: <button data-submit-once="Sending…">.
   The server does not rely on this: the submit is idempotent per its key. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) {
      return;
    }
    var buttons = form.querySelectorAll("button[data-submit-once]");
    if (!buttons.length) {
      return;
    }
    if (form.dataset.submitted === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "true";
    // After the browser has collected the form's data.
    window.setTimeout(function () {
      buttons.forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
        var busy = button.getAttribute("data-submit-once");
        if (busy) {
          button.dataset.label = button.textContent;
          button.textContent = busy;
        }
      });
    }, 0);
  });

  // Coming back with the browser's back button shows a usable form again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-submitted]").forEach(function (form) {
      delete form.dataset.submitted;
      form.querySelectorAll("button[data-submit-once]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
        if (button.dataset.label) {
          button.textContent = button.dataset.label;
        }
      });
    });
  });
})();
