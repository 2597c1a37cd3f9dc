/* delaybook: reply templates — fill the placeholders, live preview, a safe copy, the
   shared fields ("我的信息"), and on templates.html the compact list (one card open at
   a time) with its text and scenario/channel/platform filters. No network.

   The copy is refused while a placeholder is empty (the status names them and the
   first empty field gets the focus) and whenever a {{…}} marker is left, so the
   clipboard never receives a half-filled reply. The filled reply is checked before
   copying with window.delaybookCheckReply (js/reply-check.js, the same engine and
   rules as "检查我的回复"; supplier templates as supplier messages). Warnings are shown
   and the copy goes ahead, saying how many problems were found; problems that must
   never be sent, or a check that could not run, need a second click ("仍然复制").
   Only a copy with nothing found is shown as a success, and even then the status
   says "no known problem found", never that the reply is fine. */
(function () {
  "use strict";
  var data = readJson("tpl-data");
  if (!data) {
    return;
  }
  var S = data.strings || {};
  var PH = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
  var MARKER = /\{\{|\}\}/;
  var SHARED = "delaybook:shared:";

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(SHARED + "probe", "1");
      s.removeItem(SHARED + "probe");
      return s;
    } catch (e) {
      return null;
    }
  }
  var store = storage();

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m || !S.date_format) {
      return iso;
    }
    return S.date_format
      .replace("{y}", m[1])
      .replace("{m}", String(Number(m[2])))
      .replace("{d}", String(Number(m[3])))
      .replace("{mm}", m[2])
      .replace("{dd}", m[3]);
  }

  function valuesOf(inputs) {
    var v = {};
    inputs.forEach(function (input) {
      var value = input.value.trim();
      v[input.getAttribute("data-ph")] = input.type === "date" ? formatDate(value) : value;
    });
    return v;
  }

  // Fills `text`, writing the preview into `preview` with text nodes only. Returns the
  // filled text and the names of the placeholders still empty, in order.
  function fill(text, values, labels, preview) {
    var filled = "";
    var empty = [];
    var last = 0;
    var m;
    preview.textContent = "";
    PH.lastIndex = 0;
    while ((m = PH.exec(text)) !== null) {
      var before = text.slice(last, m.index);
      preview.appendChild(document.createTextNode(before));
      filled += before;
      var value = values[m[1]];
      if (value) {
        preview.appendChild(document.createTextNode(value));
        filled += value;
      } else {
        var span = document.createElement("span");
        span.className = "ph";
        span.textContent = "【" + (labels[m[1]] || m[1]) + "】";
        preview.appendChild(span);
        filled += m[0];
        if (empty.indexOf(m[1]) === -1) {
          empty.push(m[1]);
        }
      }
      last = PH.lastIndex;
    }
    preview.appendChild(document.createTextNode(text.slice(last)));
    filled += text.slice(last);
    return { text: filled, empty: empty };
  }

  // The pre-copy check: the findings of the reply checker for `text` sent `to` a buyer
  // or a supplier ([{rule, category, severity, start, end, text, reason, better}]), or
  // null when the check could not run (rules not loaded): that is never "nothing found".
  function checkReply(text, to) {
    if (typeof window.delaybookCheckReply !== "function") {
      return null;
    }
    try {
      return window.delaybookCheckReply(text, { to: to });
    } catch (e) {
      return null;
    }
  }

  function errorsIn(findings) {
    return (findings || []).filter(function (f) { return f.severity !== "warning"; }).length;
  }

  function fmt(template, n, e) {
    return (template || "").replace("{n}", String(n)).replace("{e}", String(e));
  }

  function line(el, cls, text) {
    var li = document.createElement("li");
    li.className = cls;
    li.textContent = text;
    el.appendChild(li);
  }

  // Empty fields first; the reply check once every field is filled (a half-filled
  // reply is not what will be sent, and the copy is refused anyway). Each finding:
  // severity and category as on the check page, the words found, why, what instead.
  function showWarnings(el, result, labels, findings) {
    var L = data.labels || { categories: {}, severities: {} };
    el.textContent = "";
    var ul = document.createElement("ul");
    ul.className = "tpl-findings";
    if (result.empty.length) {
      line(ul, "empty", (S.warn_empty || "") + " " + result.empty.map(function (n) { return labels[n] || n; }).join(S.list_sep || ", "));
    } else if (findings === null) {
      line(ul, "finding sev-error", S.check_failed || "");
    } else if (findings.length) {
      line(ul, "found", fmt(S.found, findings.length, errorsIn(findings)));
      findings.forEach(function (f) {
        var sev = f.severity === "warning" ? "warning" : "error";
        var text = "[" + (L.severities[sev] || sev) + "] " + (L.categories[f.category] || f.category || "") +
          " “" + f.text + "” — " + f.reason;
        line(ul, "finding sev-" + sev, f.better ? text + " → " + f.better : text);
      });
    }
    if (ul.childNodes.length) {
      el.appendChild(ul);
    }
  }

  function copyText(text, done) {
    function fallback() {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.top = "-1000px";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(ta);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  // --- shared fields -------------------------------------------------------------

  function sharedInputs(name) {
    return Array.prototype.slice.call(document.querySelectorAll("input[data-shared][data-ph]")).filter(function (i) {
      return !name || i.getAttribute("data-ph") === name;
    });
  }

  function remember(name, value) {
    if (!store) {
      return;
    }
    try {
      if (value) {
        store.setItem(SHARED + name, value);
      } else {
        store.removeItem(SHARED + name);
      }
    } catch (e) { /* full or blocked: the value still fills this page */ }
  }

  function recall(name) {
    try {
      return store ? store.getItem(SHARED + name) || "" : "";
    } catch (e) {
      return "";
    }
  }

  var listeners = [];

  // Sets every input of shared field `name` to `value` (except `from`) and refreshes
  // the cards.
  function spread(name, value, from) {
    sharedInputs(name).forEach(function (i) {
      if (i !== from && i.value !== value) {
        i.value = value;
      }
    });
    listeners.forEach(function (f) { f(); });
  }

  function setupShared() {
    sharedInputs().forEach(function (input) {
      var name = input.getAttribute("data-ph");
      var saved = recall(name);
      if (saved) {
        input.value = saved;
      }
      input.addEventListener("input", function () {
        remember(name, input.value.trim());
        spread(name, input.value, input);
      });
    });
    window.addEventListener("storage", function (e) {
      if (e.key && e.key.indexOf(SHARED) === 0) {
        spread(e.key.slice(SHARED.length), e.newValue || "", null);
      }
    });
    var clear = document.getElementById("shared-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        var names = {};
        sharedInputs().forEach(function (i) { names[i.getAttribute("data-ph")] = true; });
        Object.keys(names).forEach(function (n) {
          remember(n, "");
          spread(n, "", null);
        });
        var status = document.getElementById("shared-status");
        if (status) {
          status.textContent = S.shared_cleared || "";
        }
      });
    }
  }

  // --- one card ------------------------------------------------------------------

  function setup(card) {
    var tpl = data.templates[card.getAttribute("data-tpl")];
    if (!tpl) {
      return;
    }
    var labels = {};
    tpl.placeholders.forEach(function (p) { labels[p[0]] = p[1]; });
    var inputs = Array.prototype.slice.call(card.querySelectorAll("input[data-ph]"));
    var preview = card.querySelector("[data-preview]");
    var warnings = card.querySelector("[data-warnings]");
    var status = card.querySelector("[data-copy-status]");
    var confirmBox = card.querySelector("[data-confirm]");
    var button = card.querySelector("[data-copy]");
    var buttonLabel = button.textContent;
    var result = { text: tpl.text, empty: [] };
    // Supplier templates are checked as supplier messages (a phone number is fine there).
    var to = /^supplier/.test(card.getAttribute("data-channel") || "") ? "supplier" : "buyer";

    function findings() {
      return result.empty.length ? [] : checkReply(result.text, to);
    }

    function disarm() {
      if (confirmBox) {
        confirmBox.hidden = true;
      }
    }

    function update() {
      result = fill(tpl.text, valuesOf(inputs), labels, preview);
      inputs.forEach(function (i) {
        var empty = result.empty.indexOf(i.getAttribute("data-ph")) !== -1;
        i.setAttribute("aria-invalid", empty && i.getAttribute("data-touched") ? "true" : "false");
      });
      showWarnings(warnings, result, labels, findings());
      // The button itself says that fields are missing, and which (as its tooltip).
      var missing = result.empty.map(function (n) { return labels[n] || n; });
      button.textContent = buttonLabel + (missing.length ? (S.missing || "").replace("{n}", String(missing.length)) : "");
      button.title = missing.join(S.list_sep || ", ");
      button.setAttribute("aria-disabled", missing.length ? "true" : "false");
      status.textContent = "";
      status.className = "copy-status";
      disarm();
    }

    function say(text, cls) {
      status.textContent = text;
      status.className = "copy-status " + (cls || "");
    }

    // Copies and says what the check found: only a copy with nothing found reads as a
    // success, and it still says "no known problem", not "fine".
    function copyNow(found) {
      disarm();
      copyText(result.text, function (ok) {
        var errors = errorsIn(found);
        if (!ok) {
          say(S.copy_failed, "bad");
        } else if (found === null) {
          say(S.copied_unchecked, "bad");
        } else if (errors) {
          say(fmt(S.copied_errors, found.length, errors), "bad");
        } else if (found.length) {
          say(fmt(S.copied_warnings, found.length, 0), "warn");
        } else {
          say(S.copied, "ok");
        }
      });
    }

    function tryCopy() {
      update();
      if (result.empty.length) {
        var first = null;
        inputs.forEach(function (i) {
          if (result.empty.indexOf(i.getAttribute("data-ph")) !== -1) {
            i.setAttribute("data-touched", "1");
            i.setAttribute("aria-invalid", "true");
            first = first || i;
          }
        });
        var names = result.empty.map(function (n) { return labels[n] || n; }).join(S.list_sep || ", ");
        say((S.refused_empty || "").replace("{fields}", names), "bad");
        if (first) {
          first.focus();
        }
        return;
      }
      if (MARKER.test(result.text)) {
        say(S.refused_marker, "bad");
        return;
      }
      var found = findings();
      var errors = errorsIn(found);
      if ((found === null || errors) && confirmBox) {
        confirmBox.querySelector("[data-confirm-text]").textContent =
          found === null ? S.confirm_unchecked : fmt(S.confirm, found.length, errors);
        confirmBox.hidden = false;
        say("", "");
        confirmBox.querySelector("[data-copy-anyway]").focus();
        return;
      }
      copyNow(found);
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    });
    button.addEventListener("click", tryCopy);
    if (confirmBox) {
      confirmBox.querySelector("[data-copy-anyway]").addEventListener("click", function () {
        // Checked again: the text cannot have changed without closing this box.
        if (!result.empty.length && !MARKER.test(result.text)) {
          copyNow(findings());
        }
      });
      confirmBox.querySelector("[data-copy-back]").addEventListener("click", function () {
        disarm();
        var first = inputs[0];
        if (first) {
          first.focus();
        }
      });
    }
    listeners.push(update);
    update();
  }

  // --- opening cards -------------------------------------------------------------

  function cardFor(id) {
    var el = id && document.getElementById("card-" + id);
    return el && el.matches("details.tpl") ? el : null;
  }

  // `#tpl-x` or `?tpl=x` opens card x; the hash scrolls to it, the query (the triage
  // lands on a step) leaves the scrolling to the step anchor.
  function openFromUrl() {
    var m = /^#tpl-(.+)$/.exec(location.hash);
    var card = m && cardFor(decodeURIComponent(m[1]));
    if (card) {
      card.open = true;
      card.scrollIntoView({ block: "start" });
    }
    var q = /[?&]tpl=([^&#]+)/.exec(location.search);
    var wanted = q && cardFor(decodeURIComponent(q[1]));
    if (wanted) {
      wanted.open = true;
    }
  }

  // One card open at a time in the library (the `name` attribute does it natively;
  // this covers browsers without it).
  function exclusive(cards) {
    cards.forEach(function (card) {
      card.addEventListener("toggle", function () {
        if (!card.open || !card.hasAttribute("name")) {
          return;
        }
        cards.forEach(function (other) {
          if (other !== card && other.open && other.getAttribute("name") === card.getAttribute("name")) {
            other.open = false;
          }
        });
      });
    });
  }

  // --- library filters -----------------------------------------------------------

  function textOf(card) {
    return (card.textContent || "").toLowerCase();
  }

  function matches(card, filters, words) {
    var ok = filters.every(function (f) {
      if (!f.value) {
        return true;
      }
      var attr = card.getAttribute("data-" + f.key) || "";
      if (f.key === "channel") {
        return attr === f.value;
      }
      if (f.key === "platforms") {
        return attr === "" || attr.split(" ").indexOf(f.value) !== -1;
      }
      return attr.split("|").indexOf(f.value) !== -1;
    });
    if (!ok || !words.length) {
      return ok;
    }
    var hay = textOf(card);
    return words.every(function (w) { return hay.indexOf(w) !== -1; });
  }

  function setupFilters(cards) {
    var panel = document.getElementById("tpl-filters");
    if (!panel) {
      return;
    }
    panel.hidden = false;
    var selects = Array.prototype.slice.call(panel.querySelectorAll("select[data-filter]"));
    var text = document.getElementById("filter-text");
    var count = document.getElementById("filter-count");
    var none = document.getElementById("tpl-none");
    function apply() {
      var filters = selects.map(function (s) {
        return { key: s.getAttribute("data-filter"), value: s.value };
      });
      var words = (text ? text.value : "").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, filters, words);
        card.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = shown + " " + count.getAttribute("data-suffix");
      none.hidden = shown !== 0;
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    if (text) {
      text.addEventListener("input", apply);
    }
    apply();
  }

  var cards = Array.prototype.slice.call(document.querySelectorAll(".tpl[data-tpl]"));
  setupShared();
  cards.forEach(setup);
  exclusive(cards);
  setupFilters(cards);
  openFromUrl();
  window.addEventListener("hashchange", openFromUrl);
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("[data-open-tpl]");
    var card = a && cardFor(a.getAttribute("data-open-tpl"));
    if (card) {
      card.open = true;
    }
  });
})();
