// Changes to a round's draft circles, in place. Each change is still the page's own form
// post: this script sends it with fetch, follows the server's redirect back to the draft,
// and swaps in the new #draft from that page; the server's message (what the change did
// to the circles) is shown and announced in #draft-live, a polite live region that stays
// on the page. Focus returns to the button pressed, else the changed circle's heading.
// If anything goes wrong, the form is posted the ordinary way.
(() => {
  "use strict";
  const live = document.getElementById("draft-live");
  if (!live || !window.fetch || !window.DOMParser) return;
  let busy = false;

  function postNormally(form, submitter) {
    form.dataset.draftPlain = "yes";
    if (submitter && form.requestSubmit) {
      form.requestSubmit(submitter);
    } else {
      form.submit();
    }
  }

  function focusAfter(submitterId, changed) {
    const target =
      (submitterId && document.getElementById(submitterId)) ||
      (changed && document.getElementById("circle-" + changed)) ||
      document.getElementById("draft-tools");
    if (target) target.focus();
  }

  async function send(form, submitter) {
    const action = (submitter && submitter.getAttribute("formaction")) || form.action;
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const response = await fetch(action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
    // Refused before anything changed (the session ended, say): post the ordinary way.
    if (!response.ok) throw new Error("The server answered " + response.status);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("draft");
    const current = document.getElementById("draft");
    if (!fresh || !current) {
      // The change was made but the answer isn't the draft: go to the page it names.
      window.location.assign(response.url);
      return;
    }
    const message = page.getElementById("messages");
    const words = message ? message.textContent.trim().replace(/\s+/g, " ") : "";
    const failed = Boolean(message && message.querySelector(".notice--error"));
    const old = document.getElementById("messages");
    if (old) old.remove();
    current.replaceWith(document.importNode(fresh, true));
    live.className = "draft-live notice " + (failed ? "notice--error" : "notice--success");
    live.textContent = words;
    const changed = new URL(response.url, window.location.href).searchParams.get("changed");
    focusAfter(submitter && submitter.id, changed);
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-draft-edit")) return;
    if (form.dataset.draftPlain === "yes") return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const submitter = event.submitter || null;
    send(form, submitter)
      .catch(() => postNormally(form, submitter))
      .finally(() => {
        busy = false;
      });
  });
})();
