/* delaybook site search: vanilla JS, no dependencies, works from file://.
 *
 * Reads window.DELAYBOOK_SEARCH_INDEX (set by search-index.js, built by src/search/).
 * Reading the query: folded like the index (Traditional -> Simplified, full-width ->
 * ASCII, lower case); a character pair the site never contains is read as a
 * same-sounding pair it does (pinyin slips); synonyms are applied; question words and
 * fillers are set aside (intent words among them ask for templates, steps, ...).
 * Matching: each content term as a substring, plus its character pairs; single
 * characters only for what nothing else matched. Latin words and numbers match at a
 * word start.
 * Ranking: rare terms weigh more than common ones; page titles and template names >
 * section headings > body; a section that covers more of the query ranks higher; hub
 * pages below specific pages. When no page covers more than half of the query's
 * content, the answer is "nothing found" ([]), with the closest pages on offer.
 * API: window.delaybookSearch(query) -> Promise<[{url, title, heading, excerpt, kind,
 * marks}]>; window.DelaybookSearch.createSearcher(index) for the pure functions.
 * Details: docs/search.md. */
(function (global) {
  'use strict';

  var W_TITLE = 10;
  var W_TEMPLATE = 10;
  var W_HEADING = 5;
  var W_BODY = 1;
  var W_PHRASE = 5;      /* an exact phrase with function words counts like a heading match */
  var SATURATION = 1.2;  /* BM25's k1: a field weight of w counts (k1 + 1)w / (k1 + w) */
  var PHRASE = 0.25;     /* bonus of a whole term over its character pairs */
  var SEAM = 0.5;        /* a pair this much rarer than its neighbours spans two words */
  var V_SEAM = 0.1;      /* ... and keeps this share of its weight */
  var V_CHAR = 0.3;      /* a single character matched on its own */
  var V_PART = 0.25;     /* a part of a mixed term (the 48 of 48小时) found whole */
  var INTENT_BOOST = 1.5;
  var EXACT_HEADING = 1.5; /* a section whose heading is exactly the query's content */
  var TITLE_CONTEXT = 0.5; /* share of the title's score a section other than the intro gets */
  var NEGLIGIBLE = 0.05;   /* a char or part needle below this share of the query is not scored */
  var COMMON_CAP = 400;
  var SETTLED_DF = 3;      /* a pair in this many sections is not taken for a typo */
  var INTENT_GAP = 6;      /* characters allowed between the parts of "能不能…说" */
  var NEAR_TIE = 0.9;      /* sections within 10% of a page's best keep the page's order */
  var LONE_CHAR = 0.5;   /* a one-character unit weighs this much in coverage */
  var COVER_MIN = 0.5;   /* "nothing found" unless a page covers at least half the query */
  var KIND_FACTOR = {
    playbook: 1, cause: 0.95, templates: 0.8, checklists: 0.85, check: 0.8,
    quiz: 0.8, page: 0.8, home: 0.7, report: 0.6
  };
  /* A buyer's own message (a "pasted" query) describes a situation: the playbook for
   * it answers, not the phrase rules, whose examples of what staff must not say read
   * like buyer rants (信不信我投诉你们). */
  var PASTED_KIND_FACTOR = { check: 0.4 };
  var LONG_QUERY = 16;     /* CJK characters: longer than anything typed as a question */
  var PASTED_OTHER = 0.3;  /* ... where a word that names no situation (一个, 再不) weighs this much */
  var SITUATION_KINDS = { playbook: true, cause: true };
  var ITEM_PAGES = { quiz: true, check: true };
  var MAX_PER_PAGE = 3;
  var MIN_RELATIVE = 0.05; /* pages scoring below 5% of the best are noise */
  var DEFAULT_LIMIT = 20;
  var RELATED_LIMIT = 3;
  var EXCERPT_BEFORE = 24;
  var EXCERPT_LEN = 90;
  var MAX_QUERY = 120;
  var MAX_FIX_RUN = 10;    /* pinyin slips are read in runs of at most this many characters */
  var MAX_SYLLABLES = 6;   /* a Latin word read as pinyin spells at most this many characters */
  var MAX_BITS = 30;       /* coverage is tracked for the first 30 content characters */
  var SEP = '\u0001';
  var SPLIT = /[\s,;:!?'"()[\]{}<>/\\|`~^*+=@#&、。〈〉《》「」『』【】〔〕“”‘’…—·\uFF01-\uFF04\uFF06-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u3000]+/;

  function isCjkCode(c) {
    return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xd800 && c <= 0xdfff);
  }
  function isCjk(s) {
    return s.length > 0 && isCjkCode(s.charCodeAt(0));
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

  /* Homophones from "key" + site chars + "~" + other chars, per sound:
   * soundsOf[char] = [keys], sameSound[key] = the site's characters with that sound. */
  function homophones(table) {
    var soundsOf = Object.create(null);
    var sameSound = Object.create(null);
    var re = /([a-z]+)([^a-z~]*)(?:~([^a-z]*))?/g;
    var m;
    while ((m = re.exec(table || '')) !== null && m[0].length > 0) {
      var key = m[1];
      sameSound[key] = Array.from(m[2]);
      Array.from(m[2] + (m[3] || '')).forEach(function (c) {
        (soundsOf[c] = soundsOf[c] || []).push(key);
      });
    }
    return { soundsOf: soundsOf, sameSound: sameSound };
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

  /* A needle: text to find, its kind, the content characters it covers (bit mask). */
  function needle(text, kind, mask) {
    var first = text.charCodeAt(0);
    var last = text.charCodeAt(text.length - 1);
    return {
      text: text, kind: kind, mask: mask || 0, value: 0,
      word: isWordCode(first), digitEnd: isDigitCode(last)
    };
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

  /* Every entry of every field containing needle text, cached: typing one more
   * character only scans the needles that changed. A text absent from the site makes
   * every longer text containing it absent without a scan. */
  function hitsOf(ix, n) {
    var cached = ix.cache.get(n.text);
    if (cached) return cached;
    var h = { t: [], h: [], b: [], bc: [], any: false, df: 0 };
    var absent = false;
    ix.absent.forEach(function (a) { if (!absent && n.text.indexOf(a) >= 0) absent = true; });
    if (!absent) {
      scan(ix.titles, n, function (e) { h.t.push(e); });
      scan(ix.headings, n, function (e) { h.h.push(e); });
      scan(ix.bodies, n, function (e, count) { h.b.push(e); h.bc.push(count); });
      h.any = h.t.length + h.h.length + h.b.length > 0;
      h.df = h.t.length + h.h.length + h.b.length;
    }
    if (ix.cache.size > 1024) { ix.cache.clear(); ix.absent.length = 0; }
    ix.cache.set(n.text, h);
    /* Only a text matched without word rules can stand for its superstrings: "最高3" is
     * absent (3 is always followed by a digit) while "最高30元" is not. */
    if (!h.any && !absent && !n.word && !n.digitEnd && ix.absent.length < 64) ix.absent.push(n.text);
    return h;
  }

  /* How often text occurs, counted only as far as asked: probes stop early, so
   * checking a common character does not walk all its occurrences. Cached like hits
   * (a full scan, when there was one, answers too). Returns the number of entries found
   * in titles + headings (up to 1) and in bodies (up to `bodies`). */
  function probe(ix, text, bodies) {
    var full = ix.cache.get(text);
    if (full) return { named: full.t.length + full.h.length > 0, body: full.b.length };
    var key = text + SEP + bodies;
    var known = ix.probes.get(key);
    if (known) return known;
    var n = needle(text, 'probe');
    var absent = false;
    ix.absent.forEach(function (a) { if (!absent && text.indexOf(a) >= 0) absent = true; });
    var r = { named: false, body: 0 };
    if (!absent) {
      r.named = findIn(ix.titles.text, n, 0) >= 0 || findIn(ix.headings.text, n, 0) >= 0;
      var pos = bodies > 0 ? findIn(ix.bodies.text, n, 0) : -1;
      while (pos >= 0 && r.body < bodies) {
        r.body++;
        var e = entryAt(ix.bodies.starts, pos);
        pos = findIn(ix.bodies.text, n, ix.bodies.starts[e + 1]);
      }
    }
    if (!r.named && r.body === 0 && bodies > 0 && !absent && !n.word && !n.digitEnd && ix.absent.length < 64) {
      ix.absent.push(text);
    }
    if (ix.probes.size > 2048) ix.probes.clear();
    ix.probes.set(key, r);
    return r;
  }

  function occurs(ix, text) {
    var r = probe(ix, text, 1);
    return r.named || r.body > 0;
  }

  /* Occurs in a page title or a section heading: a word the site names things by. */
  function named(ix, text) {
    return probe(ix, text, 0).named;
  }

  /* Rarer text weighs more (BM25's idf over sections). */
  function idf(ix, df) {
    var n = ix.sections.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /* ---------------- reading the query ---------------- */

  /* Character pairs of page titles and headings (with counts), built on first need:
   * a typo correction must land on a word the site names things by. */
  function namedPairs(ix) {
    if (ix.pairs) return ix.pairs;
    var pairs = new Map();
    [ix.titles.text, ix.headings.text].concat(ix.synonyms.map(function (p) { return p.join(SEP); }))
      .forEach(function (text) {
        var prev = '';
        for (var ch of text) {
          if (isCjk(ch)) {
            if (prev) pairs.set(prev + ch, (pairs.get(prev + ch) || 0) + 1);
            prev = ch;
          } else {
            prev = '';
          }
        }
      });
    ix.pairs = pairs;
    return pairs;
  }

  /* Character pairs of the titles and headings of the playbooks and causes (and of
   * the synonyms' words): the situations the handbook is about (发货, 物流, 缺货, 退款),
   * built on the first pasted message. */
  function situationPairs(ix) {
    if (ix.situations) return ix.situations;
    var set = new Set();
    var texts = ix.synonyms.map(function (p) { return p[1]; });
    ix.pages.forEach(function (pg) { if (SITUATION_KINDS[pg.kind]) texts.push(pg.title); });
    ix.sections.forEach(function (sec) {
      if (SITUATION_KINDS[ix.pages[sec.page].kind]) texts.push(sec.heading);
    });
    texts.forEach(function (t) {
      var chars = Array.from(t);
      for (var i = 0; i + 1 < chars.length; i++) if (isCjk(chars[i]) && isCjk(chars[i + 1])) set.add(chars[i] + chars[i + 1]);
    });
    ix.situations = set;
    return set;
  }

  function namesSituation(ix, text) {
    var chars = Array.from(text);
    var set = situationPairs(ix);
    for (var i = 0; i + 1 < chars.length; i++) if (set.has(chars[i] + chars[i + 1])) return true;
    return false;
  }

  /* The distinct Chinese runs of titles and headings with their counts, built on the
   * first Latin word read as pinyin. */
  function namedRuns(ix) {
    if (ix.runs) return ix.runs;
    var runs = new Map();
    (ix.titles.text + SEP + ix.headings.text).split(/[^\u3400-\u9fff\uf900-\ufaff\ud800-\udfff]+/).forEach(function (run) {
      if (run.length > 1) runs.set(run, (runs.get(run) || 0) + 1);
    });
    ix.runs = runs;
    return runs;
  }

  /* The site's characters that sound like c (c itself left out). */
  function soundAlikes(ix, c) {
    var out = [];
    (ix.sounds.soundsOf[c] || []).forEach(function (key) {
      (ix.sounds.sameSound[key] || []).forEach(function (x) {
        if (x !== c && out.indexOf(x) < 0) out.push(x);
      });
    });
    return out;
  }

  /* The best same-sounding replacement for the pair at i (one or both characters
   * changed), as [i, a, b], or null. */
  function fixPair(ix, chars, i, covered) {
    var pairs = namedPairs(ix);
    var a = chars[i];
    var b = chars[i + 1];
    var best = null;
    var bestCount = 0;
    function consider(x, y) {
      var n = pairs.get(x + y) || 0;
      if (n > bestCount) { best = [i, x, y]; bestCount = n; }
    }
    var as = covered[i] ? [] : soundAlikes(ix, a);
    var bs = covered[i + 1] ? [] : soundAlikes(ix, b);
    as.forEach(function (x) { consider(x, b); });
    bs.forEach(function (y) { consider(a, y); });
    if (best) return best;
    for (var p = 0; p < as.length && p < 100; p++) {
      for (var q = 0; q < bs.length && q < 100; q++) consider(as[p], bs[q]);
    }
    return best;
  }

  /* A pair the site really uses: in a title or heading, or in a few sections (a pair
   * found once in a body may just straddle two words, like 流一 in 物流一场). */
  function settled(ix, pair) {
    var r = probe(ix, pair, SETTLED_DF);
    return r.named || r.body >= SETTLED_DF;
  }

  /* A run of Chinese characters with pinyin slips read as the site's words: a
   * character that is in no pair the site contains is replaced by a same-sounding one
   * that makes a pair used in a title or heading. A pair of a synonym (骂人, 发火) is
   * never corrected. Returns the run and the positions read differently. */
  function correctRun(ix, run) {
    var chars = Array.from(run);
    /* A long run is a pasted message, not a slip of the IME: its words the site lacks
     * (星期 of 一个星期) are the buyer's own. */
    if (chars.length < 2 || chars.length > MAX_FIX_RUN || !ix.sounds) return { text: run, fixed: [] };
    var covered = chars.map(function () { return false; });
    for (var i = 0; i + 1 < chars.length; i++) {
      if (settled(ix, chars[i] + chars[i + 1])) covered[i] = covered[i + 1] = true;
    }
    ix.synonyms.forEach(function (pair) { /* 骂人, 发火: the synonyms' own words */
      for (var at = run.indexOf(pair[0]); at >= 0; at = run.indexOf(pair[0], at + 1)) {
        var from = Array.from(run.slice(0, at)).length;
        for (var k = from; k < from + Array.from(pair[0]).length; k++) covered[k] = true;
      }
    });
    var fixed = [];
    for (var k = 0; k + 1 < chars.length; k++) {
      if (covered[k] && covered[k + 1]) continue;
      /* A doubled character (哈哈, 嗯嗯) is laughter or emphasis, not a slip. */
      if (chars[k] === chars[k + 1]) continue;
      var f = fixPair(ix, chars, k, covered);
      if (!f) continue;
      if (f[1] !== chars[k]) fixed.push(k);
      if (f[2] !== chars[k + 1]) fixed.push(k + 1);
      chars[k] = f[1];
      chars[k + 1] = f[2];
      covered[k] = covered[k + 1] = true;
    }
    return { text: chars.join(''), fixed: fixed };
  }

  /* ---- pinyin typed instead of Chinese (quehuo, tousu) or its initials (qh, dhtc) ---- */

  /* A toneless syllable folded like the index's sound keys (zh/ch/sh -> z/c/s, -ng -> n). */
  function fuzzyKey(s) {
    s = s.replace(/^([zcs])h/, '$1');
    return s.length > 2 && /ng$/.test(s) ? s.slice(0, -1) : s;
  }

  /* Ways to cut a Latin word into syllables the site's characters have (at most 8 cuts,
   * 2 to MAX_SYLLABLES syllables each). */
  function syllableCuts(ix, w) {
    var out = [];
    (function cut(at, keys) {
      if (out.length >= 8 || keys.length > MAX_SYLLABLES) return;
      if (at === w.length) { if (keys.length >= 2) out.push(keys.slice()); return; }
      for (var len = Math.min(6, w.length - at); len >= 1; len--) {
        var key = fuzzyKey(w.slice(at, at + len));
        if (!ix.sounds.sameSound[key]) continue;
        keys.push(key);
        cut(at + len, keys);
        keys.pop();
      }
    })(0, []);
    return out;
  }

  /* Does character c fit the sound key (full syllable) or initial (one letter)? */
  function fitsSound(ix, c, key, initial) {
    var ks = ix.sounds.soundsOf[c];
    if (!ks) return false;
    for (var i = 0; i < ks.length; i++) {
      if (initial ? ks[i].charAt(0) === key : ks[i] === key) return true;
    }
    return false;
  }

  /* The Chinese word of the site's titles and headings that a Latin word spells in
   * pinyin (full syllables, or initials when it has no vowel), the most used one; null
   * when the word occurs in the site as it is, is a filler, or spells nothing. */
  function pinyinWord(ix, w) {
    if (!ix.sounds || w.length < 2 || w.length > 24) return null;
    if (!ix.pinyinCache) ix.pinyinCache = new Map();
    if (ix.pinyinCache.has(w)) return ix.pinyinCache.get(w);
    var found = null;
    var isFiller = ix.fillerWords.some(function (f) { return !f.parts[1] && f.parts[0].join('') === w; });
    if (!isFiller && !occurs(ix, w)) {
      var initials = !/[aeiouv]/.test(w);
      var cuts = initials ? (w.length <= MAX_SYLLABLES ? [w.split('')] : []) : syllableCuts(ix, w);
      var counts = new Map();
      var best = 0;
      var runs = namedRuns(ix);
      cuts.forEach(function (keys) {
        runs.forEach(function (times, text) {
          var run = Array.from(text);
          for (var i = 0; i + keys.length <= run.length; i++) {
            var k = 0;
            while (k < keys.length && fitsSound(ix, run[i + k], keys[k], initials)) k++;
            if (k < keys.length) continue;
            var word = run.slice(i, i + keys.length).join('');
            var n = (counts.get(word) || 0) + times;
            counts.set(word, n);
            if (n > best) { best = n; found = word; }
          }
        });
      });
      /* initials are loose: only a word the site names things by more than once */
      if (initials && best < 2) found = null;
    }
    ix.pinyinCache.set(w, found);
    return found;
  }

  /* Marks the fillers and intent words of a run (longest first). A one-character
   * filler stays content when it makes, with a neighbour, a word the site names things
   * by (要求, 跟进). An intent word written "能不能…说" matches its two parts with up
   * to INTENT_GAP characters between them (能不能跟买家说). Returns the marks (0 content,
   * 1 filler) and the intents found. */
  function markFillers(ix, chars) {
    var marks = new Uint8Array(chars.length);
    var intents = [];
    function freeAt(part, i) {
      if (i < 0 || i + part.length > chars.length) return false;
      for (var k = 0; k < part.length; k++) if (marks[i + k] || chars[i + k] !== part[k]) return false;
      return true;
    }
    function mark(i, n) { for (var k = i; k < i + n; k++) marks[k] = 1; }
    function keepsWord(i) {
      return (i > 0 && !marks[i - 1] && named(ix, chars[i - 1] + chars[i])) ||
        (i + 1 < chars.length && named(ix, chars[i] + chars[i + 1]));
    }
    ix.fillerWords.forEach(function (w) {
      var a = w.parts[0];
      var b = w.parts[1];
      for (var i = 0; i < chars.length; i++) {
        if (!freeAt(a, i)) continue;
        if (!b) {
          if (a.length === 1 && keepsWord(i)) continue;
          mark(i, a.length);
        } else {
          var j = i + a.length;
          while (j <= i + a.length + INTENT_GAP && !freeAt(b, j)) j++;
          if (j > i + a.length + INTENT_GAP) continue;
          mark(i, a.length);
          mark(j, b.length);
        }
        if (w.intent >= 0 && intents.indexOf(w.intent) < 0) intents.push(w.intent);
      }
    });
    return { marks: marks, intents: intents };
  }

  /* Longer phrases of the query that contain a filler and occur in the site as typed
   * ("我催一下"): they score as a whole. [start, end) character ranges. */
  function fillerPhrases(ix, chars, marks) {
    var out = [];
    var from = 0;
    for (var i = 0; i < chars.length; i++) {
      if (!marks[i] || i < from) continue;
      for (var start = Math.max(from, i - 3); start <= i; start++) {
        var end = start + 1;
        var best = -1;
        while (end < chars.length && end - start < 12 && occurs(ix, chars.slice(start, end + 1).join(''))) {
          end++;
          best = end;
        }
        if (best - start >= 4 && best > i) {
          var content = 0;
          for (var k = start; k < best; k++) if (!marks[k]) content++;
          if (content >= 1) { out.push([start, best]); from = best; break; }
        }
      }
    }
    return out;
  }

  /* The query as content units and needles. */
  function plan(ix, query) {
    var q = fold(String(query || '').slice(0, MAX_QUERY), ix.ts);
    q = q.replace(/\.(?!\d)|(^|[^\d])\./g, '$1 ');
    q = q.replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, function (run) { return correctRun(ix, run).text; });
    q = q.replace(/(^|[^a-z0-9])([a-z]+)(?![a-z0-9])/g, function (all, before, w) {
      var zh = pinyinWord(ix, w);
      return zh ? before + ' ' + zh + ' ' : all;
    });
    var variants = [];
    ix.synonyms.forEach(function (pair) {
      var replaced = replaceVariant(q, pair[0], pair[1]);
      if (replaced !== q) { variants.push(pair[0]); q = replaced; }
    });
    var terms = q.split(SPLIT).filter(Boolean);
    var cjk = (q.match(/[\u3400-\u9fff\uf900-\ufaff]/g) || []).length;
    var pasted = isBuyerVoice(q, cjk);
    var long = cjk >= LONG_QUERY;
    var p = readTerms(ix, terms, true);
    if (p.units.length === 0) p = readTerms(ix, terms, false);
    variants.forEach(function (v) {
      if (occurs(ix, v)) p.needles.push(needle(v, 'phrase', 0));
    });
    p.needles = dedupe(p.needles).slice(0, 64);
    p.content = p.units.map(function (u) { return u.text; }).join('');
    p.pasted = pasted;
    p.long = long || pasted;
    return p;
  }

  /* A message in the buyer's voice, pasted from the chat (`cjk` CJK characters): it
   * speaks of 我 and 你们, never of 买家 (a trainee's question: 买家说要投诉怎么办). */
  function isBuyerVoice(q, cjk) {
    return cjk >= 7 && /你们|我(?!们)/.test(q) && !/买家|客户|顾客|供应商|代发|厂家/.test(q);
  }

  /* A word or pair of the query that the site names a page or section by (发货, 物流,
   * 缺货, 退款): a long message that has one is about something the handbook covers,
   * however much of it is the buyer's own words. */
  function hasSituation(ix, p) {
    return p.needles.some(function (n) {
      return (n.kind === 'pair' || n.kind === 'word' || n.kind === 'whole') &&
        n.text.length >= 2 && isCjk(n.text) && named(ix, n.text);
    });
  }

  function kindFactor(kind, p) {
    var f = KIND_FACTOR[kind] || 0.8;
    return p.pasted && PASTED_KIND_FACTOR[kind] ? PASTED_KIND_FACTOR[kind] : f;
  }

  /* q with each occurrence of a synonym variant replaced by ' word ', except where the
   * variant is part of the word itself (催发 inside 催发货). */
  function replaceVariant(q, variant, word) {
    var inWord = word.indexOf(variant);
    var out = '';
    var at = 0;
    for (var i = q.indexOf(variant); i >= 0; i = q.indexOf(variant, i + variant.length)) {
      if (inWord >= 0 && q.slice(i - inWord, i - inWord + word.length) === word) continue;
      out += q.slice(at, i) + ' ' + word + ' ';
      at = i + variant.length;
    }
    return at === 0 ? q : out + q.slice(at);
  }

  /* Terms -> units (content pieces, each with its character positions) and needles.
   * With strip false, fillers count as content (a query made only of them). */
  function readTerms(ix, terms, strip) {
    var p = { units: [], needles: [], intents: [], size: 0 };
    terms.forEach(function (t) {
      var runs = splitRuns(t);
      var base = p.size;
      var before = p.needles.length;
      runs.forEach(function (r) {
        if (isCjk(r)) readCjk(ix, r, p, strip); else readWord(ix, r, p);
      });
      /* 48小时, 第4天打电话: the whole term as typed; its parts then only help a little */
      if (runs.length > 1 && occurs(ix, t)) {
        for (var k = before; k < p.needles.length; k++) p.needles[k].part = true;
        p.needles.push(needle(t, 'whole', bits(base, p.size)));
      }
    });
    return p;
  }

  function bit(pos) {
    return 1 << Math.min(pos, MAX_BITS);
  }
  function bits(from, to) {
    var m = 0;
    for (var i = from; i < to; i++) m |= bit(i);
    return m;
  }

  /* A Latin word or number: one unit worth two content characters. */
  function readWord(ix, w, p) {
    var base = p.size;
    p.units.push({ text: w, base: base, len: 2 });
    p.size += 2;
    if (occurs(ix, w)) p.needles.push(needle(w, 'word', bits(base, base + 2)));
  }

  /* A Chinese run: fillers set aside, each remaining piece becomes a unit. */
  function readCjk(ix, run, p, strip) {
    var chars = Array.from(run);
    var m = strip ? markFillers(ix, chars) : { marks: new Uint8Array(chars.length), intents: [] };
    if (!strip) m.intents = markFillers(ix, chars).intents;
    m.intents.forEach(function (i) { if (p.intents.indexOf(i) < 0) p.intents.push(i); });
    var pos = new Int32Array(chars.length).fill(-1);
    for (var i = 0; i < chars.length;) {
      if (m.marks[i]) { i++; continue; }
      var j = i;
      while (j < chars.length && !m.marks[j]) j++;
      for (var k = i; k < j; k++) pos[k] = p.size + (k - i);
      readPiece(ix, chars.slice(i, j), p);
      i = j;
    }
    if (strip) {
      fillerPhrases(ix, chars, m.marks).forEach(function (r) {
        var mask = 0;
        for (var k = r[0]; k < r[1]; k++) if (pos[k] >= 0) mask |= bit(pos[k]);
        p.needles.push(needle(chars.slice(r[0], r[1]).join(''), 'phrase', mask));
      });
    }
  }

  /* One content piece: the whole piece, its character pairs, and single characters
   * only where no pair matched. */
  function readPiece(ix, chars, p) {
    var base = p.size;
    var text = chars.join('');
    p.units.push({ text: text, base: base, len: chars.length });
    p.size += chars.length;
    if (chars.length === 1) {
      if (occurs(ix, text)) p.needles.push(needle(text, 'word', bit(base)));
      return;
    }
    var covered = chars.map(function () { return false; });
    for (var i = 0; i + 1 < chars.length; i++) {
      var pair = chars[i] + chars[i + 1];
      if (occurs(ix, pair)) {
        var n = needle(pair, 'pair', bits(base + i, base + i + 2));
        n.unit = p.units.length - 1;
        n.at = i;
        p.needles.push(n);
        covered[i] = covered[i + 1] = true;
      }
    }
    if (chars.length > 2 && occurs(ix, text)) p.needles.push(needle(text, 'whole', bits(base, base + chars.length)));
    chars.forEach(function (c, k) {
      if (!covered[k] && occurs(ix, c)) p.needles.push(needle(c, 'char', 0));
    });
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

  function dedupe(needles) {
    var seen = Object.create(null);
    return needles.filter(function (n) {
      if (seen[n.text]) { seen[n.text].mask |= n.mask; return false; }
      seen[n.text] = n;
      return true;
    });
  }

  /* A pair much rarer than the pairs on both sides of it straddles two words (家催 in
   * 买家催发货): it is rare because it is not a word, and must not weigh as if it were. */
  function isSeam(ix, p, n) {
    var mine = hitsOf(ix, n).df;
    var side = Infinity;
    var sides = 0;
    p.needles.forEach(function (o) {
      if (o.kind === 'pair' && o.unit === n.unit && Math.abs(o.at - n.at) === 1) {
        side = Math.min(side, hitsOf(ix, o).df);
        sides++;
      }
    });
    if (sides === 2 && mine < SEAM * side) return true; /* an edge pair is just rarer than 发货 */
    return isLeaningSeam(ix, p, n, mine);
  }

  /* A pair no title or heading uses, next to a pair that one does and that is more
   * common, hangs off that word: 改预 in 改预售 (改 + 预售), 家选 in 买家选. It is rare
   * because it is not a word, not because it is telling. */
  function isLeaningSeam(ix, p, n, mine) {
    if (named(ix, n.text)) return false;
    return p.needles.some(function (o) {
      return o.kind === 'pair' && o.unit === n.unit && Math.abs(o.at - n.at) === 1 &&
        named(ix, o.text) && mine < SEAM * hitsOf(ix, o).df;
    });
  }

  /* Needle values from how rare each text is: pairs and words by idf, a whole term
   * adds PHRASE x its pairs, single characters little. */
  function weigh(ix, p) {
    var pairValue = Object.create(null);
    p.needles.forEach(function (n) {
      var h = hitsOf(ix, n);
      var v = idf(ix, h.df);
      if (n.kind === 'pair') { n.value = isSeam(ix, p, n) ? V_SEAM * v : v; pairValue[n.text] = n.value; }
      else if (n.kind === 'word') n.value = v * (isCjk(n.text) ? 1 : 2);
      else if (n.kind === 'char') n.value = V_CHAR * v;
      else if (n.kind === 'phrase') n.value = v;
      if (n.part) n.value *= V_PART;
      if (p.pasted && n.kind !== 'whole' && n.kind !== 'char' && isCjk(n.text) && !namesSituation(ix, n.text)) n.value *= PASTED_OTHER;
    });
    p.needles.forEach(function (n) {
      if (n.kind !== 'whole') return;
      var sum = 0;
      var chars = Array.from(n.text);
      var mixed = chars.some(function (c) { return !isCjk(c); });
      for (var i = 0; i + 1 < chars.length && !mixed; i++) sum += pairValue[chars[i] + chars[i + 1]] || 0;
      n.value = mixed ? idf(ix, hitsOf(ix, n).df) : PHRASE * sum;
    });
  }

  /* ---------------- ranking ---------------- */

  function Searcher(data) {
    if (!data || data.v !== 2) throw new Error('delaybook: unsupported search index');
    this.ts = tsMap(data.t);
    this.synonyms = data.y || [];
    this.lang = data.lang || 'zh-CN';
    this.triage = data.tri || null;
    this.sounds = data.h ? homophones(data.h) : null;
    var q = data.q || { f: [], i: [] };
    function word(text, intent) {
      var parts = text.split('…').filter(Boolean).slice(0, 2).map(function (x) { return Array.from(x); });
      return { parts: parts, len: parts.reduce(function (n, x) { return n + x.length; }, 0), intent: intent };
    }
    var words = q.f.map(function (w) { return word(w, -1); });
    this.intents = q.i.map(function (it, k) {
      it[1].forEach(function (w) { words.push(word(w, k)); });
      return it[0];
    });
    this.fillerWords = words.filter(function (w) { return w.len > 0; })
      .sort(function (a, b) { return b.len - a.len; });
    this.pages = data.p.map(function (p) {
      return { url: p[0], kind: p[1], title: p[2], titleRestore: p[3] || 0, first: -1, last: -1 };
    });
    var pages = this.pages;
    this.sections = data.s.map(function (s, i) {
      var pg = pages[s[0]];
      if (pg.first < 0) pg.first = i;
      pg.last = i;
      var hw = s[1].lastIndexOf('tpl-', 0) === 0 ? W_TEMPLATE : W_HEADING;
      return { page: s[0], anchor: s[1], heading: s[2], body: s[3], hr: s[4] || 0, br: s[5] || 0, hw: hw };
    });
    this.titles = corpus(this.pages.map(function (p) { return p.title; }));
    this.headings = corpus(this.sections.map(function (s) { return s.heading; }));
    this.bodies = corpus(this.sections.map(function (s) { return s.body; }));
    this.cache = new Map();
    this.probes = new Map();
    this.absent = [];
    this.pairs = null;
  }

  /* Scores sections and pages for the planned needles: own[s] (section's matches),
   * title[p] (page title's), union[p] (best field per needle over the page), and the
   * content characters covered by words and pairs (sMask, pMask, tMask). */
  Searcher.prototype.score = function (needles) {
    var nS = this.sections.length;
    var nP = this.pages.length;
    var sc = {
      own: new Float64Array(nS), sMask: new Int32Array(nS),
      title: new Float64Array(nP), tMask: new Int32Array(nP),
      union: new Float64Array(nP), pMask: new Int32Array(nP)
    };
    if (!this.pageOf) this.pageOf = Int32Array.from(this.sections, function (x) { return x.page; });
    if (!this.headW) this.headW = Float64Array.from(this.sections, function (x) { return x.hw; });
    var pageOf = this.pageOf;
    var headW = this.headW;
    var w = new Float64Array(nS);
    var pageMax = new Float64Array(nP);
    var touched = new Int32Array(nS);
    var pagesTouched = new Int32Array(nP);
    var titleSat = sat(W_TITLE);
    var total = 0;
    needles.forEach(function (x) { total += x.value; });
    for (var k = 0; k < needles.length; k++) {
      var n = needles[k];
      /* A single character or a part of a term found whole adds almost nothing to the
       * ranking and nothing to coverage, but a common one has thousands of hits: it is
       * skipped when it is a small share of the query or in COMMON_CAP+ sections. */
      if ((n.kind === 'char' || n.part) && (n.value < NEGLIGIBLE * total ||
          probe(this, n.text, COMMON_CAP).body >= COMMON_CAP)) continue;
      var hits = hitsOf(this, n);
      var value = n.value;
      var mask = n.mask;
      var i;
      for (i = 0; i < hits.t.length; i++) {
        sc.title[hits.t[i]] += value * titleSat;
        sc.tMask[hits.t[i]] |= mask;
        sc.pMask[hits.t[i]] |= mask;
      }
      var nt = 0;
      for (i = 0; i < hits.h.length; i++) {
        w[hits.h[i]] = headW[hits.h[i]];
        touched[nt++] = hits.h[i];
      }
      var floor = n.kind === 'phrase' ? W_PHRASE : 0;
      for (i = 0; i < hits.b.length; i++) {
        var s = hits.b[i];
        var bw = Math.max(W_BODY + 0.15 * (hits.bc[i] - 1), floor);
        if (w[s] === 0) touched[nt++] = s;
        if (bw > w[s]) w[s] = bw;
      }
      var np = 0;
      for (i = 0; i < nt; i++) {
        var t = touched[i];
        sc.own[t] += value * sat(w[t]);
        sc.sMask[t] |= mask;
        var p = pageOf[t];
        if (pageMax[p] === 0) pagesTouched[np++] = p;
        if (w[t] > pageMax[p]) pageMax[p] = w[t];
        w[t] = 0;
      }
      for (i = 0; i < np; i++) {
        var q = pagesTouched[i];
        sc.union[q] += value * sat(pageMax[q]);
        sc.pMask[q] |= mask;
        pageMax[q] = 0;
      }
    }
    return sc;
  };

  /* Field weight with saturation: a heading match counts more than a body match, but
   * not so much that it outweighs matching more of the query. */
  function sat(w) {
    return (SATURATION + 1) * w / (SATURATION + w);
  }

  /* Share of the query's content characters a mask covers. */
  /* How much of the query's content a mask covers: the mean over the content units
   * of the share of each unit's characters covered. */
  function coverage(mask, p) {
    if (p.units.length === 0) return 0;
    if (!p.coverCache) p.coverCache = new Map();
    var known = p.coverCache.get(mask);
    if (known !== undefined) return known;
    var sum = 0;
    var weights = 0;
    p.units.forEach(function (u) {
      if (u.low === undefined) {
        u.low = bits(u.base, Math.min(u.base + u.len, MAX_BITS));
        u.high = Math.max(0, u.base + u.len - Math.max(u.base, MAX_BITS));
      }
      var n = popcount(mask & u.low) + (u.high > 0 && (mask & bit(MAX_BITS)) ? u.high : 0);
      var weight = u.len === 1 ? LONE_CHAR : 1; /* 开 of "直通车怎么开" says little */
      sum += weight * n / u.len;
      weights += weight;
    });
    var c = sum / weights;
    p.coverCache.set(mask, c);
    return c;
  }

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  /* A section's rank within the search: its matches plus the page title's (in full for
   * the page's intro, as context for the others), boosted when it is the kind of
   * section asked for, scaled by how much of the query it covers. */
  Searcher.prototype.sectionTotal = function (s, sc, p) {
    var sec = this.sections[s];
    var first = this.pages[sec.page].first === s;
    var total = sc.own[s] + sc.title[sec.page] * (first ? 1 : TITLE_CONTEXT);
    var self = this;
    if (p.intents.some(function (k) { return self.intents[k].some(function (a) { return sec.anchor.lastIndexOf(a, 0) === 0; }); })) {
      total *= INTENT_BOOST;
    }
    if (sec.anchor && sec.heading === p.content) total *= EXACT_HEADING; /* 淘宝 -> the 淘宝 section */
    return total * (0.4 + 0.6 * coverage(sc.sMask[s] | sc.tMask[sec.page], p));
  };

  /* Best sections of one page: the best overall, then up to two more with own matches. */
  Searcher.prototype.pageHits = function (pi, sc, p) {
    var pg = this.pages[pi];
    var list = [];
    /* Sections without matches of their own rank below the intro: leave them out. */
    for (var s = pg.first; s <= pg.last && s >= 0; s++) {
      if (sc.own[s] > 0 || (s === pg.first && sc.title[pi] > 0)) list.push({ s: s, total: this.sectionTotal(s, sc, p) });
    }
    list.sort(function (a, b) { return b.total - a.total || a.s - b.s; });
    if (list.length === 0) return null;
    var top = list[0].total;
    /* Near ties follow the page: authors put the general case before the special one. */
    var near = 0;
    while (near < list.length && list[near].total >= NEAR_TIE * top) near++;
    list = list.slice(0, near).sort(function (a, b) { return a.s - b.s; }).concat(list.slice(near));
    var picked = [list[0]];
    for (var i = 1; i < list.length && picked.length < MAX_PER_PAGE; i++) {
      if (list[i].total >= 0.5 * top && sc.own[list[i].s] > 0) picked.push(list[i]);
    }
    var factor = kindFactor(pg.kind, p);
    var unionTotal = sc.union[pi] + sc.title[pi];
    /* A page of separate items (quiz questions, phrase rules) answers with one item:
     * what its other items match adds nothing. */
    var extra = ITEM_PAGES[pg.kind] ? 0 : Math.max(0, unionTotal - sc.own[list[0].s] - sc.title[pi]);
    var cover = coverage(sc.pMask[pi], p);
    return { page: pi, cover: cover, score: factor * (0.5 + 0.5 * cover) * (top + 0.5 * extra), hits: picked };
  };

  /* Pages with any match, best first, and the plan. */
  Searcher.prototype.rank = function (query, want, minCover) {
    want = Math.max(want || 0, DEFAULT_LIMIT);
    var last = this.last;
    if (last && last.query === query && last.want >= want &&
        (!last.result.early || last.result.cover < minCover || last.result.cover === 0)) {
      return last.result; /* search, then related */
    }
    var result = this.rankAfresh(query, want, minCover);
    this.last = { query: query, want: want, result: result };
    return result;
  };

  /* The best `want` pages (exactly), and the best coverage of any page. A page's score
   * is at most kind × (0.5 + 0.5 × coverage) × exact × (1.5 × (union + title) + 0.5 × union),
   * so pages are scored in the order of that bound, and scoring stops once the bound
   * falls below the want-th best score: only a few dozen pages of a large site are
   * looked at section by section. */
  Searcher.prototype.rankAfresh = function (query, want, minCover) {
    var p = plan(this, query);
    if (p.needles.length === 0) return { plan: p, ranked: [], cover: 0 };
    /* A long pasted message is not held to covering half of it: most of it is the
     * buyer's own words, and it only needs one situation the handbook names. */
    if (p.long && hasSituation(this, p)) minCover = 0;
    /* What the best page could cover at most: below the threshold, nothing to rank. */
    var all = 0;
    p.needles.forEach(function (n) { all |= n.mask; });
    var possible = coverage(all, p);
    if (possible === 0 || possible < minCover) return { plan: p, ranked: [], cover: possible, early: true, minCover: minCover };
    weigh(this, p);
    var sc = this.score(p.needles);
    var heads = this.headings.text; /* when some heading is the query, it may rank ×1.5 */
    var exact = p.content && (heads.lastIndexOf(p.content + SEP, 0) === 0 ||
      heads.indexOf(SEP + p.content + SEP) >= 0) ? EXACT_HEADING : 1;
    var cand = [];
    var cover = 0;
    for (var pi = 0; pi < this.pages.length; pi++) {
      if (sc.title[pi] > 0 || sc.union[pi] > 0) {
        var c = coverage(sc.pMask[pi], p);
        cover = Math.max(cover, c);
        var bound = kindFactor(this.pages[pi].kind, p) * (0.5 + 0.5 * c) * exact *
          (INTENT_BOOST * (sc.union[pi] + sc.title[pi]) + 0.5 * sc.union[pi]);
        cand.push({ page: pi, bound: bound });
      }
    }
    cand.sort(function (a, b) { return b.bound - a.bound || a.page - b.page; });
    var ranked = [];
    for (var i = 0; i < cand.length; i++) {
      if (ranked.length >= want && cand[i].bound < ranked[want - 1].score) break;
      var h = this.pageHits(cand[i].page, sc, p);
      if (!h) continue;
      var at = ranked.length; /* keep the list sorted: best score first, then page order */
      while (at > 0 && (ranked[at - 1].score < h.score ||
        (ranked[at - 1].score === h.score && ranked[at - 1].page > h.page))) at--;
      ranked.splice(at, 0, h);
    }
    return { plan: p, ranked: ranked, cover: cover, minCover: minCover };
  };

  /* The pure search: query -> ranked results (no DOM); [] when no page covers more
   * than half of the query's content. */
  Searcher.prototype.search = function (query, limit) {
    limit = limit || DEFAULT_LIMIT;
    var r = this.rank(query, limit, COVER_MIN);
    var minCover = r.minCover === undefined ? COVER_MIN : r.minCover;
    if (r.ranked.length === 0 || r.cover < minCover) return [];
    var floor = MIN_RELATIVE * r.ranked[0].score;
    var out = [];
    for (var i = 0; i < r.ranked.length && out.length < limit && r.ranked[i].score >= floor; i++) {
      for (var j = 0; j < r.ranked[i].hits.length && out.length < limit; j++) {
        out.push(this.result(r.ranked[i].hits[j].s, r.plan.needles, r.ranked[i].score));
      }
    }
    return out;
  };

  /* The closest pages when search finds nothing (one result per page, at most
   * `limit`): what matched some of the words, for "可能相关". */
  Searcher.prototype.related = function (query, limit) {
    var r = this.rank(query);
    var self = this;
    return r.ranked.filter(function (h) { return h.cover > 0; }).slice(0, limit || RELATED_LIMIT)
      .map(function (h) { return self.result(h.hits[0].s, r.plan.needles, h.score); });
  };

  /* How a query is read, for people tuning synonyms: content units, needles with
   * their values, intents, and the best page's coverage. */
  Searcher.prototype.explain = function (query) {
    var r = this.rank(query);
    var self = this;
    return {
      units: r.plan.units.map(function (u) { return u.text; }),
      intents: r.plan.intents.map(function (k) { return self.intents[k].join(' '); }),
      needles: r.plan.needles.map(function (n) { return n.kind + ':' + n.text + '=' + n.value.toFixed(2); }),
      cover: Math.round(r.cover * 100) / 100
    };
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
    this.search(t.slice(0, 3) + '怎么 ' + t.slice(0, 1) + 'a1 4.5%', 3);
    this.related(t.slice(0, 2) + '一场', 3);
    this.cache.clear();
    this.probes.clear();
    this.absent.length = 0;
    this.last = null;
  };

  function createSearcher(data) {
    return new Searcher(data);
  }

  var api = { createSearcher: createSearcher, fold: fold, version: 2 };
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
  /* The closest pages for a query that finds nothing (for "可能相关"). */
  delaybookSearch.related = function (query, limit) {
    return new Promise(function (resolve) {
      var s = sharedSearcher();
      resolve(s ? s.related(query, limit) : []);
    });
  };

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
    ':where(#search-results) .search-empty{padding:.6em .7em;color:#333;font-weight:600}' +
    ':where(#search-results) .search-related-label{padding:.3em .7em 0;color:#666;font-size:.88em}' +
    ':where(#search-results) .search-triage{color:#0b57a4}' +
    '#search-results[hidden]{display:none}';
  var TEXT = {
    'zh-CN': {
      empty: '没有找到与“{q}”相关的内容：手册里没有写这件事。换个说法再搜，或者问组长。',
      related: '可能相关：',
      triage: '不确定是哪种情况？到首页按“现在是什么情况？”一步步找处理流程'
    },
    en: {
      empty: 'Nothing found for “{q}”: the handbook does not cover this. Try other words, or ask your team lead.',
      related: 'Possibly related:',
      triage: 'Not sure which situation this is? Answer the questions on the home page'
    }
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

    function option(cls, href) {
      var a = doc.createElement('a');
      a.id = 'search-result-' + items.length;
      a.className = cls;
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.href = href;
      box.appendChild(a);
      items.push(a);
      return a;
    }

    function addResult(r, cls) {
      var a = option(cls, root + r.url);
      a.appendChild(span(doc, 'search-result-title', r.title, r.titleMarks));
      if (r.heading) a.appendChild(span(doc, 'search-result-heading', r.heading, r.headingMarks));
      if (r.excerpt) a.appendChild(span(doc, 'search-result-excerpt', r.excerpt, r.marks));
    }

    /* Nothing found: say so, offer the closest pages and the triage helper. */
    function renderEmpty(s, q) {
      var text = TEXT[s && s.lang === 'en' ? 'en' : 'zh-CN'];
      var empty = doc.createElement('div');
      empty.className = 'search-empty';
      empty.setAttribute('role', 'status');
      empty.textContent = text.empty.replace('{q}', q.trim().slice(0, 40));
      box.appendChild(empty);
      var related = s ? s.related(q, RELATED_LIMIT) : [];
      if (related.length > 0) {
        var label = doc.createElement('div');
        label.className = 'search-related-label';
        label.textContent = text.related;
        box.appendChild(label);
        related.forEach(function (r) { addResult(r, 'search-result search-related'); });
      }
      if (s && s.triage) option('search-result search-triage', root + s.triage).textContent = text.triage;
    }

    function render(results, q) {
      box.textContent = '';
      items = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      var s = sharedSearcher();
      results.forEach(function (r) { addResult(r, 'search-result'); });
      if (results.length === 0) renderEmpty(s, q);
      box.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function run() {
      var q = input.value;
      var s = sharedSearcher();
      if (!q.trim() || !s) { close(); return; }
      render(s.search(q, 12), q);
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
        if (target && (active >= 0 || !/search-(related|triage)/.test(target.className))) {
          e.preventDefault();
          global.location.href = target.href;
        }
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
