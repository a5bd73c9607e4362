// The idle-timeout warning (templates/portal/session/timeout_dialog.html, issue 17 item 16).
// Two minutes before the session ends, a modal dialog takes the focus and offers « Rester
// connecté·e » / « Stay signed in », which renews the session without leaving the page.
// Escape counts as staying (as on GOV.UK). Before warning, the server is asked how long is
// left (another tab may have renewed the session); asking does not renew it.
(() => {
  const dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const warnBefore = Number(dialog.dataset.warnBefore) * 1000;
  const statusUrl = dialog.dataset.statusUrl;
  const renewForm = dialog.querySelector("[data-session-renew]");
  const countdown = dialog.querySelector("[data-countdown]");
  const states = {
    warning: dialog.querySelector("[data-session-state='warning']"),
    ended: dialog.querySelector("[data-session-state='ended']"),
  };
  let endsAt = Date.now() + Number(dialog.dataset.remaining) * 1000;
  let timer = 0;
  let ticker = 0;
  let returnFocus = null;

  const show = (name) => {
    for (const [key, element] of Object.entries(states)) element.hidden = key !== name;
    const suffix = name === "ended" ? "-ended" : "";
    dialog.setAttribute("aria-labelledby", `session-timeout${suffix}-title`);
    dialog.setAttribute("aria-describedby", `session-timeout${suffix}-text`);
  };

  const format = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    if (!minutes) return `${rest} s`;
    return rest ? `${minutes} min ${String(rest).padStart(2, "0")} s` : `${minutes} min`;
  };

  const schedule = (remainingSeconds) => {
    endsAt = Date.now() + remainingSeconds * 1000;
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, endsAt - warnBefore - Date.now()));
  };

  const ended = () => {
    clearInterval(ticker);
    show("ended");
    dialog.querySelector("[data-session-state='ended'] a").focus();
  };

  const tick = () => {
    const left = endsAt - Date.now();
    if (left <= 0) ended();
    else countdown.textContent = format(left);
  };

  const open = () => {
    show("warning");
    tick();
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
    }
    renewForm.querySelector("button").focus();
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
  };

  const close = () => {
    clearInterval(ticker);
    if (dialog.open) dialog.close();
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  };

  const ask = async (options) => {
    const response = await fetch(options.url, {
      method: options.method || "GET",
      body: options.body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    return response.json();
  };

  async function check() {
    try {
      const state = await ask({ url: statusUrl });
      if (!state.signed_in) {
        endsAt = Date.now();
      } else if (state.remaining * 1000 > warnBefore + 5000) {
        schedule(state.remaining); // renewed elsewhere (another tab)
        return;
      } else {
        endsAt = Date.now() + state.remaining * 1000;
      }
    } catch {
      // Offline: keep the page's own estimate.
    }
    open();
  }

  const stay = async () => {
    try {
      const state = await ask({ url: renewForm.action, method: "POST", body: new FormData(renewForm) });
      if (!state.signed_in) {
        endsAt = Date.now();
        ended();
        return;
      }
      close();
      schedule(state.remaining);
    } catch {
      renewForm.submit(); // the plain form renews too, and comes back to this page
    }
  };

  renewForm.addEventListener("submit", (event) => {
    event.preventDefault();
    stay();
  });
  dialog.addEventListener("cancel", (event) => {
    // Escape: stay signed in while the session lasts; once it ended, just close.
    event.preventDefault();
    if (states.ended.hidden) stay();
    else close();
  });
  dialog.querySelector("[data-session-close]").addEventListener("click", close);
  schedule(Number(dialog.dataset.remaining));
})();
