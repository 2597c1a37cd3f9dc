/* delaybook: tickable checklists. Ticks are kept in localStorage when the browser
   allows it (some block it for file:// pages; then ticks simply are not kept). */
(function () {
  "use strict";
  var PREFIX = "delaybook:checklist:";
  var store = null;
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "probe", "1");
    store.removeItem(PREFIX + "probe");
  } catch (e) {
    store = null;
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".checklist input[type=checkbox][data-key]"));

  function key(box) {
    return PREFIX + location.pathname + ":" + box.getAttribute("data-key");
  }

  boxes.forEach(function (box) {
    if (store) {
      try {
        box.checked = store.getItem(key(box)) === "1";
      } catch (e) { /* ignore */ }
    }
    box.addEventListener("change", function () {
      if (!store) {
        return;
      }
      try {
        if (box.checked) {
          store.setItem(key(box), "1");
        } else {
          store.removeItem(key(box));
        }
      } catch (e) { /* ignore */ }
    });
  });

  var print = document.getElementById("print-checklists");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var reset = document.getElementById("reset-checklists");
  if (reset) {
    reset.hidden = false;
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        if (store) {
          try {
            store.removeItem(key(box));
          } catch (e) { /* ignore */ }
        }
      });
    });
  }
})();
