// An open thread asks every 30 seconds whether others have posted since, says so in a
// polite live region, and adds the posts at the end only when the reader asks.
(function () {
  "use strict";
  var list = document.getElementById("posts");
  var news = document.getElementById("post-news");
  var text = document.getElementById("post-news-text");
  var show = document.getElementById("post-news-show");
  if (!list || !news || !text || !show || list.hasAttribute("data-later-pages")) {
    return;
  }
  var waiting = null;

  function check() {
    var url = list.getAttribute("data-after-url") + "?after=" + list.getAttribute("data-last");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var posts = holder.querySelectorAll("article[data-post]");
        if (!posts.length) {
          return;
        }
        waiting = posts;
        show.hidden = false;
        text.textContent = posts.length === 1 ? "1 new reply" : posts.length + " new replies";
      })
      .catch(function () {});
  }

  show.addEventListener("click", function () {
    if (!waiting) {
      return;
    }
    var first = null;
    Array.prototype.forEach.call(waiting, function (post) {
      if (document.getElementById(post.id)) {
        return;
      }
      list.appendChild(post);
      first = first || post;
      list.setAttribute("data-last", post.getAttribute("data-post"));
    });
    waiting = null;
    show.hidden = true;
    text.textContent = "";
    if (first) {
      var heading = first.querySelector("h2");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
  });

  window.setInterval(check, 30000);
})();
