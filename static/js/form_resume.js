// Puts back what was typed before the session ended (portal/lib/form_resume.py): the values
// kept by the server are in <script type="application/json" id="form-resume-data">. Only
// visible fields of POST forms are filled; nothing is sent again on its own.
(() => {
  const source = document.getElementById("form-resume-data");
  if (!source) return;
  const kept = JSON.parse(source.textContent);
  const forms = [...document.querySelectorAll("form")].filter(
    (form) => form.method.toLowerCase() === "post" && !form.closest("header, footer, dialog"),
  );
  let filled = 0;
  for (const [name, values] of Object.entries(kept)) {
    const fields = forms.flatMap((form) => [...form.elements].filter((el) => el.name === name));
    let next = 0;
    for (const field of fields) {
      const type = (field.type || "").toLowerCase();
      if (type === "hidden" || type === "file" || type === "submit" || type === "button") continue;
      if (type === "checkbox" || type === "radio") {
        field.checked = values.includes(field.value);
      } else if (field.multiple && field.options) {
        for (const option of field.options) option.selected = values.includes(option.value);
      } else if (next < values.length) {
        field.value = values[next++];
      } else {
        continue;
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
      filled += 1;
    }
  }
  const notice = document.querySelector("[data-form-resume-notice]");
  if (notice && filled) notice.hidden = false;
})();
