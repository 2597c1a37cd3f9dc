/* delaybook: "check my reply". Runs the phrase rules (JSON island #rules-data) on the
   pasted draft, on this computer only. */
(function () {
  "use strict";
  var P = window.DelaybookPhrases;
  var rules = P && P.readJson("rules-data");
  var input = document.getElementById("check-input");
  var out = document.getElementById("check-results");
  var btn = document.getElementById("check-button");
  if (!rules || !input || !out) {
    return;
  }

  function line(label, text) {
    var p = document.createElement("p");
    var b = document.createElement("strong");
    b.textContent = label + " ";
    p.appendChild(b);
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function run() {
    out.textContent = "";
    if (!input.value.trim()) {
      return;
    }
    var hits = P.hits(input.value, rules);
    if (!hits.length) {
      var ok = document.createElement("p");
      ok.className = "ok";
      ok.textContent = out.getAttribute("data-ok");
      out.appendChild(ok);
      return;
    }
    var head = document.createElement("p");
    head.textContent = out.getAttribute("data-found");
    out.appendChild(head);
    hits.forEach(function (h) {
      var div = document.createElement("div");
      div.className = "hit";
      div.appendChild(line(out.getAttribute("data-phrase"), "“" + h.phrase + "”"));
      div.appendChild(line(out.getAttribute("data-reason"), h.rule.reason));
      div.appendChild(line(out.getAttribute("data-better"), h.rule.better));
      out.appendChild(div);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  if (btn) {
    btn.addEventListener("click", run);
  }
})();
