// The posting page's "copy the link" button (no inline script, CSP-safe): copies the page's
// address, says so in a status line, and tells the server to count one share. Without
// JavaScript (or the clipboard) the button stays hidden; the other share links still work.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-link]");
  if (!button || !navigator.clipboard) return;
  var status = document.querySelector("[data-copy-status]");
  button.hidden = false;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
      function () {
        if (status) status.textContent = button.getAttribute("data-copied");
        fetch(button.getAttribute("data-count-url"), {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken() },
        });
      },
      function () {
        if (status) status.textContent = button.getAttribute("data-copy-failed");
      }
    );
  });
})();
