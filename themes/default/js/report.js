/* delaybook: the weekly report's tables — sort by a column, filter by text, long tables
   collapsed after N rows with a "show all" button. Progressive: without this script
   every row is on the page, and print shows every row (collapsing is screen-only).
   Strings come from data attributes of the .report element (the page's language). */
(function () {
  "use strict";
  var page = document.querySelector(".report");
  if (!page) {
    return;
  }
  var S = page.dataset;

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m;
    });
  }

  function rowsOf(body) {
    return Array.prototype.filter.call(body.rows, function (tr) {
      return !tr.classList.contains("group");
    });
  }

  function cellValue(tr, col, numeric) {
    var td = tr.cells[col];
    if (!td) {
      return numeric ? -Infinity : "";
    }
    var raw = td.hasAttribute("data-sort") ? td.getAttribute("data-sort") : td.textContent.trim();
    if (!numeric) {
      return raw;
    }
    var n = parseFloat(String(raw).replace(/[^0-9.+-]/g, ""));
    return isNaN(n) ? -Infinity : n;
  }

  function Table(box) {
    this.box = box;
    this.table = box.querySelector("table");
    this.limit = parseInt(box.getAttribute("data-collapse"), 10) || 0;
    this.expanded = false;
    this.query = "";
    this.bodies = Array.prototype.slice.call(this.table.tBodies);
    this.bodies.forEach(function (body) {
      rowsOf(body).forEach(function (tr, i) {
        tr.setAttribute("data-index", String(i));
        tr.setAttribute("data-text", tr.textContent.toLowerCase());
      });
    });
    this.total = this.bodies.reduce(function (n, b) { return n + rowsOf(b).length; }, 0);
    this.addFilter();
    this.addSorting();
    this.addToggle();
    this.update();
  }

  Table.prototype.addFilter = function () {
    var self = this;
    var bar = document.createElement("div");
    bar.className = "table-tools";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = S.filterPlaceholder || "";
    input.setAttribute("autocomplete", "off");
    label.appendChild(document.createTextNode((S.filterLabel || "") + " "));
    label.appendChild(input);
    var status = document.createElement("span");
    status.className = "table-status";
    status.setAttribute("aria-live", "polite");
    var hint = document.createElement("span");
    hint.className = "table-hint";
    hint.textContent = S.sortHint || "";
    bar.appendChild(label);
    bar.appendChild(status);
    bar.appendChild(hint);
    this.box.parentNode.insertBefore(bar, this.box);
    this.status = status;
    this.input = input;
    input.addEventListener("input", function () {
      self.query = input.value.trim().toLowerCase();
      self.update();
    });
  };

  Table.prototype.addSorting = function () {
    var self = this;
    var head = this.table.tHead && this.table.tHead.rows[0];
    if (!head) {
      return;
    }
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(head.cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", dir);
        self.sort(col, th.getAttribute("data-sort") === "num", dir === "ascending" ? 1 : -1);
      });
    });
  };

  Table.prototype.sort = function (col, numeric, sign) {
    this.bodies.forEach(function (body) {
      var rows = rowsOf(body);
      rows.sort(function (a, b) {
        var x = cellValue(a, col, numeric);
        var y = cellValue(b, col, numeric);
        var c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), document.documentElement.lang || undefined);
        return c * sign || parseInt(a.getAttribute("data-index"), 10) - parseInt(b.getAttribute("data-index"), 10);
      });
      rows.forEach(function (tr) {
        body.appendChild(tr);
      });
    });
    this.update();
  };

  Table.prototype.addToggle = function () {
    var limit = this.limit;
    var long = limit && this.bodies.some(function (body) { return rowsOf(body).length > limit; });
    if (!long) {
      return;
    }
    var self = this;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "show-all";
    button.addEventListener("click", function () {
      self.expanded = !self.expanded;
      self.update();
    });
    this.box.parentNode.insertBefore(button, this.box.nextSibling);
    this.toggle = button;
  };

  /* Filter first; then, unless expanded or filtering, keep the first `limit` matching
     rows of each group (tbody) and collapse the rest (screen only: print shows them). */
  Table.prototype.update = function () {
    var q = this.query;
    var matched = 0;
    var limit = this.expanded || q ? Infinity : this.limit || Infinity;
    this.bodies.forEach(function (body) {
      var inBody = 0;
      rowsOf(body).forEach(function (tr) {
        var match = !q || tr.getAttribute("data-text").indexOf(q) !== -1;
        tr.hidden = !match;
        if (match) {
          matched += 1;
          inBody += 1;
        }
        tr.classList.toggle("is-collapsed", match && inBody > limit);
      });
      var group = body.querySelector("tr.group");
      if (group) {
        group.hidden = inBody === 0;
      }
    });
    this.status.textContent = q
      ? matched ? fill(S.shown, { shown: String(matched), total: String(this.total) }) : S.noMatch || ""
      : "";
    if (this.toggle) {
      this.toggle.hidden = !!q;
      this.toggle.textContent = this.expanded ? S.showLess : fill(S.showAll, { n: String(this.total) });
      this.toggle.setAttribute("aria-expanded", this.expanded ? "true" : "false");
    }
  };

  /* A link to a collapsed row (a priority's "看明细") expands its table first. */
  Table.prototype.reveal = function (target) {
    if (!this.table.contains(target)) {
      return false;
    }
    if (this.query) {
      this.input.value = "";
      this.query = "";
    }
    this.expanded = true;
    this.update();
    return true;
  };

  var tables = Array.prototype.map.call(document.querySelectorAll(".report [data-table]"), function (box) {
    return new Table(box);
  });

  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    var hidden = target.hidden || target.classList.contains("is-collapsed") ||
      (target.querySelector && target.querySelector("tr.is-collapsed"));
    if (!hidden) {
      return;
    }
    tables.some(function (t) { return t.reveal(target); });
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
