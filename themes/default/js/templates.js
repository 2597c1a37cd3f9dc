/* delaybook: reply templates — fill the placeholders, live preview, copy, warnings,
   and (on templates.html) the scenario/channel/platform filters. No network. */
(function () {
  "use strict";
  var P = window.DelaybookPhrases;
  var data = P && P.readJson("tpl-data");
  if (!data) {
    return;
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

  function showWarnings(el, result) {
    el.textContent = "";
    var lines = [];
    if (result.empty.length) {
      lines.push((S.warn_empty || "") + " " + result.empty.join(S.list_sep || ", "));
    }
    P.hits(result.text, data.rules).forEach(function (h) {
      lines.push((S.warn_banned || "") + " “" + h.phrase + "” — " + h.rule.reason);
    });
    lines.forEach(function (line, i) {
      if (i) {
        el.appendChild(document.createElement("br"));
      }
      el.appendChild(document.createTextNode(line));
    });
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
    function update() {
      result = fill(tpl.text, valuesOf(inputs), labels, preview);
      showWarnings(warnings, result);
      status.textContent = "";
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    });
    card.querySelector("[data-copy]").addEventListener("click", function () {
      copyText(result.text, function (ok) {
        status.textContent = ok ? S.copied : S.copy_failed;
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
