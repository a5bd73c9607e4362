// A small rich-text editor for the job postings' description (no inline script, CSP-safe).
// Each <textarea data-richtext> gets a toolbar and an editable area; the HTML is copied back
// into the textarea on every change. Without JavaScript, the textarea is used as it is.
// The server cleans the HTML with an allow-list whatever the browser sends.
(function () {
  "use strict";
  var fr = document.documentElement.lang === "fr";
  var BUTTONS = [
    ["bold", fr ? "Gras" : "Bold", "B"],
    ["italic", fr ? "Italique" : "Italic", "I"],
    ["insertUnorderedList", fr ? "Liste à puces" : "Bulleted list", "•"],
    ["insertOrderedList", fr ? "Liste numérotée" : "Numbered list", "1."],
    ["createLink", fr ? "Insérer un lien" : "Insert a link", fr ? "Lien" : "Link"],
    ["removeFormat", fr ? "Effacer la mise en forme" : "Clear formatting", "⌫"],
  ];

  function enhance(textarea) {
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    var toolbar = document.createElement("div");
    toolbar.className = "btn-toolbar gap-1 mb-1";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", (fr ? "Mise en forme : " : "Formatting: ") + (label ? label.textContent : ""));
    var area = document.createElement("div");
    area.className = "form-control richtext-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (label) {
      if (!label.id) label.id = textarea.id + "-label";
      area.setAttribute("aria-labelledby", label.id);
    }
    if (textarea.getAttribute("aria-describedby")) {
      area.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    }
    if (textarea.classList.contains("is-invalid")) {
      area.classList.add("is-invalid");
      area.setAttribute("aria-invalid", "true");
    }
    area.innerHTML = textarea.value;
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary";
      button.textContent = spec[2];
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", function () {
        area.focus();
        var value = null;
        if (spec[0] === "createLink") {
          value = window.prompt(fr ? "Adresse du lien (https://…)" : "Link address (https://…)");
          if (!value) return;
        }
        document.execCommand(spec[0], false, value);
        sync();
      });
      toolbar.appendChild(button);
    });
    function sync() {
      textarea.value = area.innerHTML;
    }
    area.addEventListener("input", sync);
    area.addEventListener("blur", sync);
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(area, textarea);
    if (label) {
      label.addEventListener("click", function () { area.focus(); });
    }
  }

  document.querySelectorAll("textarea[data-richtext]").forEach(enhance);
})();
