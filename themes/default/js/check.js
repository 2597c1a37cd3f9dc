/* delaybook: "check my reply". Runs window.delaybookCheckReply (js/reply-check.js, the
   same engine as `delaybook check` and `lint-reply`) on the draft, on this computer
   only, marks every finding in a copy of the draft and explains it. A clean result
   says what was checked, never that the reply is fine. */
(function () {
  "use strict";
  var input = document.getElementById("check-input");
  var out = document.getElementById("check-results");
  var btn = document.getElementById("check-button");
  var toSelect = document.getElementById("check-to");
  var labelsEl = document.getElementById("check-labels");
  if (!input || !out || !labelsEl) {
    return;
  }
  var labels = JSON.parse(labelsEl.textContent);
  var S = function (name) { return out.getAttribute("data-" + name) || ""; };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function labelled(label, text) {
    var p = el("p");
    p.appendChild(el("strong", "", label + S("colon")));
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function worst(list) {
    return list.some(function (f) { return f.severity === "error"; }) ? "error" : "warning";
  }

  // Findings of the same rule become one numbered item; `nums[i]` is the item of
  // finding i.
  function group(findings) {
    var groups = [];
    var byRule = {};
    var nums = findings.map(function (f) {
      if (!byRule[f.rule]) {
        byRule[f.rule] = { n: groups.length + 1, list: [] };
        groups.push(byRule[f.rule]);
      }
      byRule[f.rule].list.push(f);
      return byRule[f.rule].n;
    });
    return { groups: groups, nums: nums };
  }

  // The draft split at every finding boundary; overlapping findings share a mark.
  function marked(text, findings, nums) {
    var box = el("div", "marked");
    box.setAttribute("aria-label", S("marked"));
    var cuts = [0, text.length];
    findings.forEach(function (f) { cuts.push(f.start, f.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i += 1) {
      var a = cuts[i];
      var b = cuts[i + 1];
      var piece = text.slice(a, b);
      var covering = findings.filter(function (f) { return f.start <= a && f.end >= b; });
      if (!covering.length) {
        box.appendChild(document.createTextNode(piece));
        continue;
      }
      var m = el("mark", "sev-" + worst(covering), piece);
      m.setAttribute("data-rules", covering.map(function (f) { return f.rule; }).join(" "));
      box.appendChild(m);
      var shown = {};
      findings.forEach(function (f, j) {
        if (f.end === b && !shown[nums[j]]) {
          shown[nums[j]] = true;
          // The number is drawn by CSS (attr(data-n)), so the marked draft's text
          // stays exactly the draft.
          var ref = el("sup", "finding-ref");
          ref.setAttribute("data-n", String(nums[j]));
          ref.setAttribute("title", labels.categories[f.category] || f.category);
          box.appendChild(ref);
        }
      });
    }
    return box;
  }

  function findingItem(g) {
    var f = g.list[0];
    var li = el("li", "finding sev-" + f.severity);
    li.id = "finding-" + g.n;
    var head = el("p");
    head.appendChild(el("span", "badge sev-" + f.severity, labels.severities[f.severity] || f.severity));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("strong", "", labels.categories[f.category] || f.category));
    head.appendChild(document.createTextNode(" " + g.list.map(function (x) { return "“" + x.text + "”"; }).join(S("sep"))));
    li.appendChild(head);
    li.appendChild(labelled(S("reason"), f.reason));
    li.appendChild(labelled(S("better"), f.better));
    li.appendChild(el("p", "muted", S("rule") + " " + f.rule));
    return li;
  }

  // What was checked, never "this reply is fine".
  function clean(to) {
    var checked = (to === "supplier" ? labels.checked_supplier : labels.checked_buyer) || [];
    var box = el("div", "clean");
    box.appendChild(el("p", "", S("ok").replace("{n}", String(checked.length))));
    box.appendChild(el("p", "muted", S("checked") + checked.join(S("checked-sep"))));
    return box;
  }

  function run() {
    out.textContent = "";
    var text = input.value;
    if (!text.trim()) {
      return;
    }
    var findings;
    var to = toSelect ? toSelect.value : "buyer";
    try {
      findings = window.delaybookCheckReply(text, { to: to });
    } catch (e) {
      out.appendChild(el("p", "hit", String(e.message || e)));
      return;
    }
    if (!findings.length) {
      out.appendChild(clean(to));
      return;
    }
    var g = group(findings);
    out.appendChild(el("p", "found", S("found").replace("{n}", String(findings.length))));
    out.appendChild(marked(text, findings, g.nums));
    var list = el("ol", "findings");
    g.groups.forEach(function (x) { list.appendChild(findingItem(x)); });
    out.appendChild(list);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  if (btn) {
    btn.addEventListener("click", run);
  }
  if (toSelect) {
    toSelect.addEventListener("change", run);
  }
})();
