// The error summary (templates/portal/forms/error_summary.html): focus moves to it when the
// page loads, so a screen reader reads the problems first; each link moves the focus to its
// field (scrolling its label into view), not only the page.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    (field.closest("fieldset") || label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
