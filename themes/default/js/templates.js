/* delaybook: reply templates — fill the placeholders, live preview, copy, warnings,
   and (on templates.html) the scenario/channel/platform filters. No network. The
   filled reply is checked with window.delaybookCheckReply (js/reply-check.js, the
   same engine as "check my reply") before it is copied: see replyFindings. */
(function () {
  "use strict";
  var data = readJson("tpl-data");
  if (!data) {
    return;
  }

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
  var S = data.strings || {};
  var PH = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

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

  // Fills `text`, writing the preview into `preview` with text nodes only.
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
        var label = labels[m[1]] || m[1];
        var span = document.createElement("span");
        span.className = "ph";
        span.textContent = "【" + label + "】";
        preview.appendChild(span);
        filled += m[0];
        if (empty.indexOf(label) === -1) {
          empty.push(label);
        }
      }
      last = PH.lastIndex;
    }
    preview.appendChild(document.createTextNode(text.slice(last)));
    filled += text.slice(last);
    return { text: filled, empty: empty };
  }

  // The pre-copy check, in one place so the copy flow can change around it: the
  // findings of the reply-check engine for `text`, as lines to show.
  function replyFindings(text, to) {
    var L = data.labels || { categories: {}, severities: {} };
    var found;
    try {
      found = window.delaybookCheckReply(text, { to: to });
    } catch (e) {
      return [String(e.message || e)];
    }
    return found.map(function (f) {
      return (S.warn_banned || "") + " [" + (L.severities[f.severity] || f.severity) + "] " +
        (L.categories[f.category] || f.category) + " “" + f.text + "” — " + f.reason;
    });
  }

  // Empty fields first; the reply check once every field is filled (a half-filled
  // reply is not what will be sent).
  function showWarnings(el, result, to) {
    el.textContent = "";
    var lines = [];
    if (result.empty.length) {
      lines.push((S.warn_empty || "") + " " + result.empty.join(S.list_sep || ", "));
    } else {
      lines = lines.concat(replyFindings(result.text, to));
    }
    lines.forEach(function (line, i) {
      if (i) {
        el.appendChild(document.createElement("br"));
      }
      el.appendChild(document.createTextNode(line));
    });
    return lines.length;
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

  function setup(card) {
    var tpl = data.templates[card.getAttribute("data-tpl")];
    if (!tpl) {
      return;
    }
    var labels = {};
    tpl.placeholders.forEach(function (p) { labels[p[0]] = p[1]; });
    var inputs = Array.prototype.slice.call(card.querySelectorAll("[data-ph]"));
    var preview = card.querySelector("[data-preview]");
    var warnings = card.querySelector("[data-warnings]");
    var status = card.querySelector("[data-copy-status]");
    var result = { text: tpl.text, empty: [] };
    // Supplier templates are checked as supplier messages (a phone number is fine there).
    var to = /^supplier/.test(card.getAttribute("data-channel") || "") ? "supplier" : "buyer";
    function update() {
      result = fill(tpl.text, valuesOf(inputs), labels, preview);
      showWarnings(warnings, result, to);
      status.textContent = "";
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    });
    card.querySelector("[data-copy]").addEventListener("click", function () {
      var findings = replyFindings(result.text, to);
      showWarnings(warnings, result, to);
      copyText(result.text, function (ok) {
        if (!ok) {
          status.textContent = S.copy_failed;
        } else if (findings.length) {
          status.textContent = (S.copied_with_findings || S.copied).replace("{n}", String(findings.length));
        } else {
          status.textContent = S.copied;
        }
      });
    });
    update();
  }

  function matches(card, filters) {
    return filters.every(function (f) {
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
  }

  function setupFilters(cards) {
    var panel = document.getElementById("tpl-filters");
    if (!panel) {
      return;
    }
    panel.hidden = false;
    var selects = Array.prototype.slice.call(panel.querySelectorAll("select[data-filter]"));
    var count = document.getElementById("filter-count");
    var none = document.getElementById("tpl-none");
    function apply() {
      var filters = selects.map(function (s) {
        return { key: s.getAttribute("data-filter"), value: s.value };
      });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, filters);
        card.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = shown + " " + count.getAttribute("data-suffix");
      none.hidden = shown !== 0;
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    apply();
  }

  var cards = Array.prototype.slice.call(document.querySelectorAll(".tpl[data-tpl]"));
  cards.forEach(setup);
  setupFilters(cards);
})();
