/* delaybook: tickable checklists. Each checklist declares when its ticks start again
   (data-reset: daily, weekly from Monday, monthly from the 1st, or never); ticks are
   kept in localStorage under the current period, so yesterday's ticks do not show
   today, and old periods are cleared away. Some browsers block storage for file://
   pages; then ticks simply are not kept. */
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

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // The ISO week of a local date: the week that holds its Thursday.
  function isoWeek(d) {
    var t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    var day = (t.getDay() + 6) % 7;
    t.setDate(t.getDate() - day + 3);
    var firstThursday = new Date(t.getFullYear(), 0, 4);
    var week = 1 + Math.round(((t - firstThursday) / 86400000 - 3 + ((firstThursday.getDay() + 6) % 7)) / 7);
    return t.getFullYear() + "-W" + pad(week);
  }

  // The period a tick made now belongs to, in local time.
  function period(reset) {
    var now = new Date();
    if (reset === "daily") {
      return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    }
    if (reset === "weekly") {
      return isoWeek(now);
    }
    if (reset === "monthly") {
      return now.getFullYear() + "-" + pad(now.getMonth() + 1);
    }
    return "all";
  }

  // A short, stable key for an item: its text, hashed (a reordered list keeps its ticks).
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(36);
  }

  function forget(prefix, keep) {
    if (!store) {
      return;
    }
    try {
      for (var i = store.length - 1; i >= 0; i -= 1) {
        var k = store.key(i);
        if (k && k.indexOf(prefix) === 0 && k.indexOf(keep) !== 0) {
          store.removeItem(k);
        }
      }
    } catch (e) { /* ignore */ }
  }

  var boxes = [];
  Array.prototype.forEach.call(document.querySelectorAll(".checklist[data-checklist]"), function (list) {
    var id = list.getAttribute("data-checklist");
    var base = PREFIX + id + ":";
    var now = base + period(list.getAttribute("data-reset") || "never") + ":";
    forget(base, now);
    Array.prototype.forEach.call(list.querySelectorAll("input[type=checkbox]"), function (box) {
      var label = list.querySelector("label[for='" + box.id + "']");
      var key = now + hash(label ? label.textContent.trim() : box.id);
      if (store) {
        try {
          box.checked = store.getItem(key) === "1";
        } catch (e) { /* ignore */ }
      }
      box.addEventListener("change", function () {
        if (!store) {
          return;
        }
        try {
          if (box.checked) {
            store.setItem(key, "1");
          } else {
            store.removeItem(key);
          }
        } catch (e) { /* ignore */ }
      });
      boxes.push({ box: box, key: key });
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
      boxes.forEach(function (b) {
        b.box.checked = false;
        if (store) {
          try {
            store.removeItem(b.key);
          } catch (e) { /* ignore */ }
        }
      });
    });
  }
})();
