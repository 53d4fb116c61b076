// The private calendar address: selected whole when it takes focus, and a "Copy" button
// where the browser can copy. Without JavaScript the read-only field still works.
document.querySelectorAll("[data-copy-field]").forEach((field) => {
  field.addEventListener("focus", () => field.select());
  if (!navigator.clipboard) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button--secondary copy-field__button";
  button.textContent = "Copy the address";
  const status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(
      () => { status.textContent = "Copied. Paste it into your calendar app."; },
      () => { status.textContent = "Couldn't copy: select the address and copy it yourself."; },
    );
  });
  field.after(button, status);
});
