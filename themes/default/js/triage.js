/* delaybook: the triage helper on the home page. Reads the tree from the JSON island
   #triage-data, asks one question at a time and ends at a playbook. Works from file://;
   without JavaScript the static list of questions below stays usable. */
(function () {
  "use strict";
  var app = document.getElementById("triage-app");
  var dataEl = document.getElementById("triage-data");
  if (!app || !dataEl) {
    return;
  }
  var data;
  try {
    data = JSON.parse(dataEl.textContent);
  } catch (e) {
    return;
  }
  var root = window.DELAYBOOK_ROOT || "";
  var nodes = {};
  data.nodes.forEach(function (n) { nodes[n.id] = n; });
  var trail = []; // [{node, answer}]

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

  function button(label, cls, onClick) {
    var b = el("button", cls, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function renderTrail() {
    var ol = el("ol", "triage-trail");
    trail.forEach(function (step) {
      ol.appendChild(el("li", "", step.node.question + " " + step.answer.label));
    });
    return ol;
  }

  function renderControls() {
    var div = el("div", "triage-controls");
    if (trail.length) {
      div.appendChild(button(app.getAttribute("data-back"), "secondary", function () {
        trail.pop();
        show(trail.length ? null : data.start);
      }));
      div.appendChild(button(app.getAttribute("data-restart"), "secondary", function () {
        trail = [];
        show(data.start);
      }));
    }
    return div;
  }

  function renderQuestion(node) {
    var frag = document.createDocumentFragment();
    var q = el("p", "triage-question", node.question);
    q.tabIndex = -1;
    frag.appendChild(q);
    var help = document.querySelector('[data-help="' + node.id + '"]');
    if (help) {
      frag.appendChild(help.cloneNode(true));
    }
    var ul = el("ul", "triage-answers");
    node.answers.forEach(function (a) {
      var li = el("li");
      li.appendChild(button(a.label, "", function () {
        trail.push({ node: node, answer: a });
        show(a.next || null);
      }));
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    return { frag: frag, focus: q };
  }

  // The end of the questions: the playbook, and when the answer names them, the step
  // to start at and the reply to send; every link lands on the step with the form open.
  function renderResult(answer) {
    var frag = document.createDocumentFragment();
    var href = root + (answer.href || answer.playbook.href);
    var p = el("p", "triage-result", app.getAttribute("data-result") + " ");
    p.tabIndex = -1;
    var a = el("a", "", answer.playbook.title);
    a.href = href;
    p.appendChild(a);
    frag.appendChild(p);
    var colon = app.getAttribute("data-colon") || ": ";
    var details = el("ul", "triage-target");
    if (answer.step) {
      var li = el("li", "", app.getAttribute("data-start-at") + colon);
      var s = el("a", "", answer.step);
      s.href = href;
      li.appendChild(s);
      details.appendChild(li);
    }
    if (answer.template) {
      var lt = el("li", "", app.getAttribute("data-send") + colon);
      var t = el("a", "", "“" + answer.template + "”");
      t.href = href;
      lt.appendChild(t);
      details.appendChild(lt);
    }
    if (details.childNodes.length) {
      frag.appendChild(details);
      var go = el("a", "button triage-go", app.getAttribute("data-open"));
      go.href = href;
      frag.appendChild(go);
    }
    return { frag: frag, focus: p };
  }

  // Shows question `id`, or (when null) the current end of the trail.
  function show(id) {
    var last = trail[trail.length - 1];
    if (id === null && last && !last.answer.next) {
      id = undefined;
    } else if (id === null) {
      id = last ? last.answer.next : data.start;
    }
    app.textContent = "";
    app.appendChild(renderTrail());
    var view = id === undefined ? renderResult(last.answer) : renderQuestion(nodes[id]);
    app.appendChild(view.frag);
    app.appendChild(renderControls());
    if (trail.length) {
      view.focus.focus();
    }
  }

  if (!nodes[data.start]) {
    return;
  }
  app.hidden = false;
  var staticList = document.getElementById("triage-static");
  if (staticList) {
    staticList.open = false;
  }
  show(data.start);
})();
