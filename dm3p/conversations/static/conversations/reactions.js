// Reactions without reloading the page: the form posts as it would without JavaScript,
// asking for the buttons' new states, which are shown and announced politely. If anything
// goes wrong, the form is sent the ordinary way.
document.querySelectorAll("form[data-reactions]").forEach((form) => {
  const status = form.querySelector("[data-reaction-status]");
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || !window.fetch) return;
    event.preventDefault();
    const data = new FormData(form);
    data.append(button.name, button.value);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((answer) => {
        answer.buttons.forEach((state) => {
          const each = form.querySelector(`button[value="${state.kind}"]`);
          if (!each) return;
          each.setAttribute("aria-pressed", state.pressed ? "true" : "false");
          const text = each.querySelector(".reaction-text");
          if (text) text.textContent = state.text;
        });
        if (status) status.textContent = answer.said;
      })
      .catch(() => {
        const chosen = document.createElement("input");
        chosen.type = "hidden";
        chosen.name = button.name;
        chosen.value = button.value;
        form.append(chosen);
        form.submit();
      });
  });
});
