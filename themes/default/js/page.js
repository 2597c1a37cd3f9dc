/* delaybook: the contents of a playbook page. Sticky beside the text on wide screens,
   folded above it on phones (open it to jump); the section being read is marked.
   Without JavaScript the contents simply stay open above the text. */
(function () {
  "use strict";
  var box = document.getElementById("page-toc");
  if (!box) {
    return;
  }
  var wide = window.matchMedia("(min-width: 64rem)");
  function fit() {
    box.open = wide.matches;
    box.classList.toggle("pinned", wide.matches);
  }
  fit();
  if (wide.addEventListener) {
    wide.addEventListener("change", fit);
  }
  // On a phone, jumping to a section folds the contents away again.
  box.addEventListener("click", function (e) {
    if (!wide.matches && e.target.closest && e.target.closest("a")) {
      box.open = false;
    }
  });
  var links = Array.prototype.slice.call(box.querySelectorAll("a[href^='#']"));
  var targets = links
    .map(function (a) { return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))); })
    .filter(Boolean);
  if (!("IntersectionObserver" in window) || !targets.length) {
    return;
  }
  var visible = {};
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
    var current = targets.filter(function (t) { return visible[t.id]; })[0];
    if (!current) {
      return;
    }
    links.forEach(function (a) {
      var on = a.getAttribute("href") === "#" + current.id;
      if (on) {
        a.setAttribute("aria-current", "location");
      } else {
        a.removeAttribute("aria-current");
      }
    });
  }, { rootMargin: "0px 0px -60% 0px" });
  targets.forEach(function (t) { io.observe(t); });
})();
