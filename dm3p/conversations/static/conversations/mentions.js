// After @ in a post box, offer the names of people who can read the thread, as a list to
// choose from with the arrow keys and Enter (or a click). Without it, typing the name works.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("textarea[data-mentions-url]");
  Array.prototype.forEach.call(boxes, function (box, index) {
    var url = box.getAttribute("data-mentions-url");
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var names = [];
    var active = -1;
    var timer = null;
    list.id = "mention-names-" + index;
    list.className = "mention-names";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Names to mention");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", list.id);
    box.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    function typedName() {
      var before = box.value.slice(0, box.selectionStart);
      var match = /(^|\s)@([^@\n]{1,40})$/.exec(before);
      return match ? match[2] : null;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      names = [];
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }

    function mark(next) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) {
        return;
      }
      active = (next + options.length) % options.length;
      Array.prototype.forEach.call(options, function (option, place) {
        option.setAttribute("aria-selected", place === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", options[active].id);
    }

    function choose(place) {
      var typed = typedName();
      if (typed === null || !names[place]) {
        return close();
      }
      var start = box.selectionStart - typed.length;
      box.value = box.value.slice(0, start) + names[place] + " " + box.value.slice(box.selectionStart);
      box.selectionStart = box.selectionEnd = start + names[place].length + 1;
      status.textContent = names[place] + " added.";
      close();
      box.focus();
    }

    function show(found) {
      close();
      names = found;
      if (!names.length) {
        return;
      }
      names.forEach(function (name, place) {
        var option = document.createElement("li");
        option.id = list.id + "-" + place;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(place);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      status.textContent =
        (names.length === 1 ? "1 name" : names.length + " names") +
        " found: up and down arrows to choose, Enter to add.";
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      var typed = typedName();
      if (typed === null || !typed.trim()) {
        return close();
      }
      timer = window.setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
          .then(function (response) {
            return response.ok ? response.json() : { names: [] };
          })
          .then(function (data) {
            if (typedName() === typed) {
              show(data.names || []);
            }
          })
          .catch(close);
      }, 250);
    });

    box.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        mark(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    box.addEventListener("blur", close);
  });
})();
