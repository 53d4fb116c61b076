// A gathering's form (events/event_edit.html). Without JavaScript, "Add another speaker"
// and "Check the time" post the form back, keeping what was typed and saving nothing. With
// it, a row is added at once (focus moves to it and it is announced), and the start is
// written out in words whenever the start or the time zone changes.
(() => {
  const form = document.querySelector("[data-gathering-form]");
  if (!form) return;
  const status = form.querySelector("[data-rows-status]");

  form.querySelectorAll("[data-add-row]").forEach((button) => {
    const prefix = button.dataset.addRow;
    const template = document.getElementById(`${prefix}-empty`);
    const rows = document.getElementById(`${prefix}-rows`);
    const total = form.querySelector(`[name="${prefix}-TOTAL_FORMS"]`);
    if (!template || !rows || !total) return;
    button.addEventListener("click", (event) => {
      const index = Number.parseInt(total.value, 10);
      if (Number.isNaN(index)) return; // the server adds the row instead
      event.preventDefault();
      const row = template.content.firstElementChild.cloneNode(true);
      row.querySelectorAll("*").forEach((element) => {
        for (const attribute of element.attributes) {
          if (attribute.value.includes("__prefix__")) {
            attribute.value = attribute.value.replaceAll("__prefix__", String(index));
          }
        }
      });
      row.querySelector("[data-row-number]").textContent = String(index + 1);
      rows.append(row);
      total.value = String(index + 1);
      const first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
      if (status) status.textContent = `${button.dataset.noun} ${index + 1} added.`;
    });
  });

  const words = form.querySelector("[data-start-words]");
  const start = form.querySelector("[name=starts_local]");
  const zone = form.querySelector("[name=time_zone]");
  const named = document.getElementById("zone-words");
  if (!words || !start || !zone || !named) return;
  const zoneWords = JSON.parse(named.textContent);
  const months = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];

  const update = () => {
    const when = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(start.value);
    const place = zone.value.trim();
    const known = zone.list && [...zone.list.options].some((option) => option.value === place);
    if (!when || !known) {
      words.textContent = "Press “Check the time” to see when it starts, in words.";
      return;
    }
    const [year, month, day, hour, minute] = when.slice(1).map(Number);
    const weekday = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString("en-GB", {
      weekday: "long",
      timeZone: "UTC",
    });
    const clock = `${hour % 12 || 12}:${String(minute).padStart(2, "0")} ${hour < 12 ? "am" : "pm"}`;
    const zoneName = zoneWords[place] || `${place.split("/").pop().replaceAll("_", " ")} time`;
    const strong = document.createElement("strong");
    strong.textContent = `${weekday} ${day} ${months[month - 1]} ${year}, ${clock} ${zoneName}`;
    words.replaceChildren("Starts ", strong, ".");
  };
  start.addEventListener("change", update);
  zone.addEventListener("change", update);
})();
