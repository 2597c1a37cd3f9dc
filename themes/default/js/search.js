/* delaybook site search: vanilla JS, no dependencies, works from file://.
 *
 * Reads window.DELAYBOOK_SEARCH_INDEX (set by search-index.js, built by src/search/).
 * Matching: the query is folded like the index (Traditional -> Simplified, full-width ->
 * ASCII, lower case), synonyms are applied, then it is split into terms; each term is
 * looked up as a substring (Latin words and numbers as word prefixes); a CJK term that
 * occurs nowhere falls back to its bigrams, then its characters.
 * Ranking: page title and template names > section headings > body; whole terms >
 * bigrams > single characters; hub pages (home, lists) below specific pages.
 * API: window.delaybookSearch(query) -> Promise<[{url, title, heading, excerpt, kind,
 * marks}]>; window.DelaybookSearch.createSearcher(index) for the pure ranking function.
 * Details: docs/search.md. */
(function (global) {
  'use strict';

  var W_TITLE = 10;
  var W_HEADING = 5;
  var W_BODY = 1;
  var V_BIGRAM = 1;
  var V_CHAR = 0.3;
  var KIND_FACTOR = {
    playbook: 1, cause: 0.95, templates: 0.95, checklists: 0.85, check: 0.8,
    quiz: 0.8, page: 0.8, home: 0.7, report: 0.6
  };
  var MAX_PER_PAGE = 3;
  var MIN_RELATIVE = 0.05; /* pages scoring below 5% of the best are noise */
  var DEFAULT_LIMIT = 20;
  var EXCERPT_BEFORE = 24;
  var EXCERPT_LEN = 90;
  var MAX_QUERY = 120;
  var SEP = '\u0001';
  var SPLIT = /[\s,;:!?'"()[\]{}<>/\\|`~^*+=@#&、。〈〉《》「」『』【】〔〕“”‘’…—·\uFF01-\uFF04\uFF06-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u3000]+/;

  function isCjkCode(c) {
    return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xd800 && c <= 0xdfff);
  }
  function isWordCode(c) {
    return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
  }
  function isDigitCode(c) {
    return c >= 48 && c <= 57;
  }

  /* Traditional -> Simplified map from the "T1S1T2S2..." string of the index. */
  function tsMap(pairs) {
    var map = Object.create(null);
    var chars = Array.from(pairs || '');
    for (var i = 0; i + 1 < chars.length; i += 2) map[chars[i]] = chars[i + 1];
    return map;
  }

  /* Same folding as src/search/normalize.rs, one character at a time. */
  function fold(text, ts) {
    var out = '';
    for (var ch of text) {
      var c = ch.charCodeAt(0);
      if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) {
        ch = String.fromCharCode(c - 0xfee0);
      } else if (c === 0xff05) {
        ch = '%';
      }
      if (ch.length === 1 && ch >= 'A' && ch <= 'Z') ch = ch.toLowerCase();
      else if (ts[ch]) ch = ts[ch];
      out += ch;
    }
    return out;
  }

  /* Rebuilds display text from normalised text and restore runs [pos, run, ...]. */
  function restore(text, runs, from, to) {
    var s = text.slice(from, to);
    if (!runs) return s;
    for (var i = 0; i + 1 < runs.length; i += 2) {
      var pos = runs[i];
      var run = runs[i + 1];
      if (pos + run.length <= from || pos >= to) continue;
      var a = Math.max(pos, from);
      var b = Math.min(pos + run.length, to);
      s = s.slice(0, a - from) + run.slice(a - pos, b - pos) + s.slice(b - from);
    }
    return s;
  }

  /* One searchable field of all entries joined by SEP, with entry start offsets. */
  function corpus(strings) {
    var starts = new Int32Array(strings.length + 1);
    var pos = 0;
    for (var i = 0; i < strings.length; i++) {
      starts[i] = pos;
      pos += strings[i].length + 1;
    }
    starts[strings.length] = pos;
    return { text: strings.join(SEP) + SEP, starts: starts };
  }

  function entryAt(starts, pos) {
    var lo = 0;
    var hi = starts.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function needle(text, value) {
    var first = text.charCodeAt(0);
    var last = text.charCodeAt(text.length - 1);
    return { text: text, value: value, word: isWordCode(first), digitEnd: isDigitCode(last) };
  }

  /* Next occurrence of needle n in s at or after from, honouring word rules. */
  function findIn(s, n, from) {
    for (var pos = s.indexOf(n.text, from); pos >= 0; pos = s.indexOf(n.text, pos + 1)) {
      if (n.word && pos > 0 && isWordCode(s.charCodeAt(pos - 1))) continue;
      if (n.digitEnd && isDigitCode(s.charCodeAt(pos + n.text.length))) continue;
      return pos;
    }
    return -1;
  }

  /* Calls hit(entry, count) for every entry of field f containing needle n (count <= 4). */
  function scan(f, n, hit) {
    var pos = findIn(f.text, n, 0);
    while (pos >= 0) {
      var e = entryAt(f.starts, pos);
      var end = f.starts[e + 1];
      var count = 0;
      while (pos >= 0 && pos < end) {
        count++;
        pos = count >= 4 ? -1 : findIn(f.text, n, pos + n.text.length);
      }
      hit(e, count);
      pos = findIn(f.text, n, end);
    }
  }

  /* Every entry of every field containing needle n, cached by needle text: typing
   * one more character only scans the needles that changed. A needle absent from the
   * site makes every longer needle containing it absent without a scan. */
  function hitsOf(ix, n) {
    var cached = ix.cache.get(n.text);
    if (cached) return cached;
    var h = { t: [], h: [], b: [], bc: [], any: false };
    var absent = false;
    ix.absent.forEach(function (a) { if (!absent && n.text.indexOf(a) >= 0) absent = true; });
    if (!absent) {
      scan(ix.titles, n, function (e) { h.t.push(e); });
      scan(ix.headings, n, function (e) { h.h.push(e); });
      scan(ix.bodies, n, function (e, count) { h.b.push(e); h.bc.push(count); });
      h.any = h.t.length + h.h.length + h.b.length > 0;
    }
    if (ix.cache.size > 512) { ix.cache.clear(); ix.absent.length = 0; }
    ix.cache.set(n.text, h);
    if (!h.any && !absent && ix.absent.length < 64) ix.absent.push(n.text);
    return h;
  }

  function occursAnywhere(ix, n) {
    return hitsOf(ix, n).any;
  }

  function splitRuns(term) {
    var runs = [];
    var cur = '';
    var curCjk = null;
    for (var ch of term) {
      var cjk = isCjkCode(ch.charCodeAt(0));
      if (cur && cjk !== curCjk) { runs.push(cur); cur = ''; }
      cur += ch;
      curCjk = cjk;
    }
    if (cur) runs.push(cur);
    return runs;
  }

  /* The needles for one term: the whole term when it occurs, else its parts. */
  function planTerm(ix, term, out, wholeOnly) {
    var chars = Array.from(term);
    var whole = needle(term, 2 * Math.min(chars.length, 8));
    var wholeFound = occursAnywhere(ix, whole);
    if (wholeFound) out.push(whole);
    if (wholeOnly || (wholeFound && !isCjkCode(term.charCodeAt(0)))) return;
    var runs = splitRuns(term);
    if (runs.length > 1) {
      if (!wholeFound) runs.forEach(function (r) { planTerm(ix, r, out, false); });
      return;
    }
    if (!isCjkCode(term.charCodeAt(0)) || chars.length < 2) return;
    var found = 0;
    if (chars.length > 2) {
      for (var i = 0; i + 1 < chars.length; i++) {
        var bg = needle(chars[i] + chars[i + 1], V_BIGRAM);
        if (occursAnywhere(ix, bg)) { out.push(bg); found++; }
      }
    }
    /* Bigrams also credit pages that have the words of a term without the phrase. */
    if (found === 0 && !wholeFound) {
      chars.forEach(function (c) { out.push(needle(c, V_CHAR)); });
    }
  }

  function dedupe(needles) {
    var seen = Object.create(null);
    return needles.filter(function (n) {
      if (seen[n.text]) return false;
      seen[n.text] = true;
      return true;
    });
  }

  /* Query -> needles: fold, synonyms, split, plan each term. */
  function plan(ix, query) {
    var q = fold(String(query || '').slice(0, MAX_QUERY), ix.ts);
    q = q.replace(/\.(?!\d)|(^|[^\d])\./g, '$1 ');
    var extra = [];
    ix.synonyms.forEach(function (pair) {
      if (q.indexOf(pair[0]) >= 0) {
        extra.push(pair[0]);
        q = q.split(pair[0]).join(' ' + pair[1] + ' ');
      }
    });
    var needles = [];
    q.split(SPLIT).forEach(function (t) { if (t) planTerm(ix, t, needles, false); });
    extra.forEach(function (t) {
      t.split(SPLIT).forEach(function (x) { if (x) planTerm(ix, x, needles, true); });
    });
    return dedupe(needles).slice(0, 64);
  }

  function Searcher(data) {
    if (!data || data.v !== 1) throw new Error('delaybook: unsupported search index');
    this.ts = tsMap(data.t);
    this.synonyms = data.y || [];
    this.lang = data.lang || 'zh-CN';
    this.pages = data.p.map(function (p) {
      return { url: p[0], kind: p[1], title: p[2], titleRestore: p[3] || 0, first: -1, last: -1 };
    });
    var pages = this.pages;
    this.sections = data.s.map(function (s, i) {
      var pg = pages[s[0]];
      if (pg.first < 0) pg.first = i;
      pg.last = i;
      var hw = s[1].lastIndexOf('tpl-', 0) === 0 ? W_TITLE : W_HEADING;
      return { page: s[0], anchor: s[1], heading: s[2], body: s[3], hr: s[4] || 0, br: s[5] || 0, hw: hw };
    });
    this.titles = corpus(this.pages.map(function (p) { return p.title; }));
    this.headings = corpus(this.sections.map(function (s) { return s.heading; }));
    this.bodies = corpus(this.sections.map(function (s) { return s.body; }));
    this.cache = new Map();
    this.absent = [];
  }

  /* Scores sections and pages for the planned needles. */
  Searcher.prototype.score = function (needles) {
    var nS = this.sections.length;
    var nP = this.pages.length;
    var own = new Float64Array(nS);
    var title = new Float64Array(nP);
    var union = new Float64Array(nP);
    var w = new Float64Array(nS);
    var pageMax = new Float64Array(nP);
    var cover = new Float64Array(nP); /* share of the query's needle value found on the page */
    var seen = new Int32Array(nP).fill(-1);
    var touched = [];
    var pagesTouched = [];
    var self = this;
    needles.forEach(function (n, k) {
      var hits = hitsOf(self, n);
      var i;
      for (i = 0; i < hits.t.length; i++) title[hits.t[i]] += n.value * W_TITLE;
      touched.length = 0;
      for (i = 0; i < hits.h.length; i++) {
        w[hits.h[i]] = self.sections[hits.h[i]].hw;
        touched.push(hits.h[i]);
      }
      for (i = 0; i < hits.b.length; i++) {
        var s = hits.b[i];
        var bw = W_BODY + 0.15 * (hits.bc[i] - 1);
        if (w[s] === 0) touched.push(s);
        if (bw > w[s]) w[s] = bw;
      }
      for (i = 0; i < hits.t.length; i++) {
        if (seen[hits.t[i]] !== k) { seen[hits.t[i]] = k; cover[hits.t[i]] += n.value; }
      }
      pagesTouched.length = 0;
      touched.forEach(function (s) {
        own[s] += n.value * w[s];
        var p = self.sections[s].page;
        if (pageMax[p] === 0) pagesTouched.push(p);
        if (w[s] > pageMax[p]) pageMax[p] = w[s];
        w[s] = 0;
      });
      pagesTouched.forEach(function (p) {
        union[p] += n.value * pageMax[p];
        pageMax[p] = 0;
        if (seen[p] !== k) { seen[p] = k; cover[p] += n.value; }
      });
    });
    var all = 0;
    needles.forEach(function (n) { all += n.value; });
    for (var p = 0; p < nP; p++) cover[p] = all > 0 ? cover[p] / all : 0;
    return { own: own, title: title, union: union, cover: cover };
  };

  /* Best sections of one page: the best overall, then up to two more with own matches. */
  Searcher.prototype.pageHits = function (p, sc) {
    var pg = this.pages[p];
    var list = [];
    for (var s = pg.first; s <= pg.last && s >= 0; s++) {
      var total = sc.own[s] + sc.title[p];
      if (total > 0) list.push({ s: s, total: total });
    }
    list.sort(function (a, b) { return b.total - a.total || a.s - b.s; });
    if (list.length === 0) return null;
    var top = list[0].total;
    /* When the page title carries the match, point at the page itself. */
    if (sc.title[p] > sc.own[list[0].s] && list[0].s !== pg.first) {
      list = [{ s: pg.first, total: sc.own[pg.first] + sc.title[p] }].concat(
        list.filter(function (h) { return h.s !== pg.first; }));
    }
    var picked = [list[0]];
    for (var i = 1; i < list.length && picked.length < MAX_PER_PAGE; i++) {
      if (sc.own[list[i].s] >= 0.5 * top) picked.push(list[i]);
    }
    var factor = KIND_FACTOR[pg.kind] || 0.8;
    var unionTotal = sc.union[p] + sc.title[p];
    var breadth = 0.5 + 0.5 * sc.cover[p];
    return { page: p, score: factor * breadth * (top + 0.5 * (unionTotal - top)), hits: picked };
  };

  /* The pure search: query -> ranked results (no DOM). */
  Searcher.prototype.search = function (query, limit) {
    limit = limit || DEFAULT_LIMIT;
    var needles = plan(this, query);
    if (needles.length === 0) return [];
    var sc = this.score(needles);
    var ranked = [];
    for (var p = 0; p < this.pages.length; p++) {
      if (sc.title[p] > 0 || sc.union[p] > 0) {
        var h = this.pageHits(p, sc);
        if (h) ranked.push(h);
      }
    }
    ranked.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    var floor = ranked.length > 0 ? MIN_RELATIVE * ranked[0].score : 0;
    var out = [];
    for (var i = 0; i < ranked.length && out.length < limit && ranked[i].score >= floor; i++) {
      for (var j = 0; j < ranked[i].hits.length && out.length < limit; j++) {
        out.push(this.result(ranked[i].hits[j].s, needles, ranked[i].score));
      }
    }
    return out;
  };

  /* [start, end) ranges of the needles in s, merged. */
  function markRanges(s, needles) {
    var ranges = [];
    needles.forEach(function (n) {
      for (var pos = findIn(s, n, 0); pos >= 0; pos = findIn(s, n, pos + n.text.length)) {
        ranges.push([pos, pos + n.text.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /* Where the excerpt window starts: before the best needle found in the body. */
  function excerptStart(body, needles) {
    var sorted = needles.slice().sort(function (a, b) { return b.value - a.value; });
    for (var i = 0; i < sorted.length; i++) {
      var pos = findIn(body, sorted[i], 0);
      if (pos >= 0) return Math.max(0, pos - EXCERPT_BEFORE);
    }
    return 0;
  }

  Searcher.prototype.result = function (s, needles, score) {
    var sec = this.sections[s];
    var pg = this.pages[sec.page];
    var body = sec.body;
    var from = excerptStart(body, needles);
    var to = Math.min(body.length, from + EXCERPT_LEN);
    if (from > 0 && from < to && (body.charCodeAt(from) & 0xfc00) === 0xdc00) from++;
    if (to < body.length && (body.charCodeAt(to - 1) & 0xfc00) === 0xd800) to--;
    var pre = from > 0 ? '…' : '';
    var marks = markRanges(body.slice(from, to), needles).map(function (r) {
      return [r[0] + pre.length, r[1] + pre.length];
    });
    return {
      url: pg.url + (sec.anchor ? '#' + sec.anchor : ''),
      title: restore(pg.title, pg.titleRestore, 0, pg.title.length),
      heading: restore(sec.heading, sec.hr, 0, sec.heading.length),
      excerpt: pre + restore(body, sec.br, from, to) + (to < body.length ? '…' : ''),
      kind: pg.kind,
      score: Math.round(score * 100) / 100,
      marks: marks,
      titleMarks: markRanges(pg.title, needles),
      headingMarks: markRanges(sec.heading, needles)
    };
  };

  /* Runs every code path once (JIT warm-up) so the first real keystroke is fast. */
  Searcher.prototype.warmUp = function () {
    if (this.warm) return;
    this.warm = true;
    var t = this.pages.length > 0 ? this.pages[0].title : '';
    this.search(t.slice(0, 3) + ' ' + t.slice(0, 1) + 'a1 4.5%', 3);
    this.cache.clear();
    this.absent.length = 0;
  };

  function createSearcher(data) {
    return new Searcher(data);
  }

  var api = { createSearcher: createSearcher, fold: fold, version: 1 };
  var shared = null;

  function sharedSearcher() {
    if (!shared && global.DELAYBOOK_SEARCH_INDEX) {
      try {
        shared = createSearcher(global.DELAYBOOK_SEARCH_INDEX);
      } catch (e) {
        global.DELAYBOOK_SEARCH_INDEX = null; /* warn once, then search stays empty */
        if (global.console) global.console.warn(String(e));
      }
    }
    return shared;
  }

  /* Public API: results best first, urls relative to the site root. */
  function delaybookSearch(query, limit) {
    return new Promise(function (resolve) {
      var s = sharedSearcher();
      resolve(s ? s.search(query, limit) : []);
    });
  }

  global.DelaybookSearch = api;
  global.delaybookSearch = delaybookSearch;
  if (typeof module === 'object' && module && module.exports) module.exports = api;

  /* ---------------- user interface ---------------- */

  var STYLE = ':where(#search-results) .search-result{display:block;padding:.45em .7em;' +
    'color:inherit;text-decoration:none;border-bottom:1px solid #eee}' +
    ':where(#search-results) .search-result[aria-selected="true"],' +
    ':where(#search-results) .search-result:hover{background:#e8f0fb}' +
    ':where(#search-results) .search-result-title{font-weight:600}' +
    ':where(#search-results) .search-result-heading{margin-left:.5em;color:#4a5a6a;font-size:.9em}' +
    ':where(#search-results) .search-result-excerpt{display:block;font-size:.88em;color:#444;margin-top:.15em}' +
    ':where(#search-results) mark{background:#ffe58f;color:inherit;padding:0}' +
    ':where(#search-results) .search-empty{padding:.6em .7em;color:#666}' +
    '#search-results[hidden]{display:none}';
  var TEXT = {
    'zh-CN': { empty: '没有找到相关内容' },
    en: { empty: 'No results' }
  };

  function appendMarked(doc, parent, text, marks) {
    var at = 0;
    (marks || []).forEach(function (r) {
      if (r[0] > at) parent.appendChild(doc.createTextNode(text.slice(at, r[0])));
      var m = doc.createElement('mark');
      m.textContent = text.slice(r[0], r[1]);
      parent.appendChild(m);
      at = r[1];
    });
    if (at < text.length) parent.appendChild(doc.createTextNode(text.slice(at)));
  }

  function span(doc, cls, text, marks) {
    var el = doc.createElement('span');
    el.className = cls;
    appendMarked(doc, el, text, marks);
    return el;
  }

  function isTypingTarget(el) {
    if (!el) return false;
    var tag = (el.tagName || '').toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
  }

  function initUi(doc) {
    var input = doc.getElementById('search-input');
    var box = doc.getElementById('search-results');
    if (!input || !box) return;
    var style = doc.createElement('style');
    style.textContent = STYLE;
    (doc.head || doc.documentElement).appendChild(style);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', 'search-results');
    input.setAttribute('aria-expanded', 'false');
    var root = typeof global.DELAYBOOK_ROOT === 'string' ? global.DELAYBOOK_ROOT : '';
    var timer = null;
    var items = [];
    var active = -1;

    function close() {
      box.textContent = '';
      box.hidden = true;
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function setActive(i) {
      if (items.length === 0) return;
      active = (i + items.length) % items.length;
      items.forEach(function (a, k) { a.setAttribute('aria-selected', k === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', items[active].id);
      if (items[active].scrollIntoView) items[active].scrollIntoView({ block: 'nearest' });
    }

    function render(results) {
      box.textContent = '';
      items = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      results.forEach(function (r, i) {
        var a = doc.createElement('a');
        a.id = 'search-result-' + i;
        a.className = 'search-result';
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        a.href = root + r.url;
        a.appendChild(span(doc, 'search-result-title', r.title, r.titleMarks));
        if (r.heading) a.appendChild(span(doc, 'search-result-heading', r.heading, r.headingMarks));
        if (r.excerpt) a.appendChild(span(doc, 'search-result-excerpt', r.excerpt, r.marks));
        box.appendChild(a);
        items.push(a);
      });
      if (results.length === 0) {
        var s = sharedSearcher();
        var empty = doc.createElement('div');
        empty.className = 'search-empty';
        empty.setAttribute('role', 'option');
        empty.setAttribute('aria-disabled', 'true');
        empty.textContent = (TEXT[s && s.lang === 'en' ? 'en' : 'zh-CN']).empty;
        box.appendChild(empty);
      }
      box.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function run() {
      var q = input.value;
      var s = sharedSearcher();
      if (!q.trim() || !s) { close(); return; }
      render(s.search(q, 12));
    }

    /* Leading edge: a keystroke after a pause searches at once; fast typing is
     * debounced. Nothing runs while an input method (pinyin) is composing. */
    var lastRun = 0;
    function schedule() {
      clearTimeout(timer);
      var now = Date.now();
      if (now - lastRun > 120) { lastRun = now; run(); return; }
      timer = setTimeout(function () { lastRun = Date.now(); run(); }, 40);
    }
    input.addEventListener('input', function (e) { if (!e.isComposing) schedule(); });
    input.addEventListener('compositionend', schedule);
    input.addEventListener('focus', function () {
      var s = sharedSearcher(); /* builds the corpus and warms up before the first key */
      if (s) s.warmUp();
      if (input.value.trim() && box.hidden) run();
    });
    input.addEventListener('keydown', function (e) {
      if (e.isComposing || e.keyCode === 229) return; /* Enter confirms pinyin, not a result */
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (box.hidden) run();
        e.preventDefault();
        setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
      } else if (e.key === 'Enter') {
        clearTimeout(timer);
        if (box.hidden || items.length === 0) run();
        var target = items[active >= 0 ? active : 0];
        if (target) { e.preventDefault(); global.location.href = target.href; }
      } else if (e.key === 'Escape') {
        if (!box.hidden) { e.preventDefault(); close(); }
      }
    });
    doc.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
    doc.addEventListener('click', function (e) {
      if (e.target !== input && !box.contains(e.target)) close();
    });
    close();
  }

  if (typeof document !== 'undefined' && document.getElementById) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () { initUi(document); });
    } else {
      initUi(document);
    }
  }
})(typeof window !== 'undefined' ? window : globalThis);
