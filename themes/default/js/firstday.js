/* delaybook: the "新人第一天" path on the home page. Each page read is ticked and the
   tick is kept in localStorage (works from file://); the progress line counts them. */
(function () {
  "use strict";
  var PREFIX = "delaybook:firstday:";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-firstday]"));
  if (!boxes.length) {
    return;
  }
  var store = null;
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "probe", "1");
    store.removeItem(PREFIX + "probe");
  } catch (e) {
    store = null;
  }
  var progress = document.getElementById("firstday-progress");
  var reset = document.getElementById("firstday-reset");
  var details = document.getElementById("first-day-box");

  function key(box) {
    return PREFIX + box.getAttribute("data-firstday");
  }

  function save(box) {
    if (!store) {
      return;
    }
    try {
      if (box.checked) {
        store.setItem(key(box), "1");
      } else {
        store.removeItem(key(box));
      }
    } catch (e) { /* blocked: the tick lasts for this visit */ }
  }

  function count() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    progress.hidden = false;
    progress.textContent = done === boxes.length
      ? progress.getAttribute("data-done")
      : progress.getAttribute("data-text").replace("{done}", String(done)).replace("{total}", String(boxes.length));
    return done;
  }

  boxes.forEach(function (box) {
    if (store) {
      try {
        box.checked = store.getItem(key(box)) === "1";
      } catch (e) { /* ignore */ }
    }
    box.addEventListener("change", function () {
      save(box);
      count();
    });
  });
  // Read everything already: fold the path away, it stays one click away.
  if (count() === boxes.length && details) {
    details.open = false;
  }
  if (reset) {
    reset.hidden = false;
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        save(box);
      });
      count();
    });
  }
})();
