/* delaybook: the reply checker in the browser. A line-by-line port of the Rust engine
   (src/lint/text.rs and src/lint/matcher.rs) running the rules compiled by delaybook
   into reply-rules.js (window.DELAYBOOK_REPLY_RULES). Change one, change the other: a
   test runs both on the whole labelled corpus and requires identical findings.

   API: window.delaybookCheckReply(text[, {to: "buyer"|"supplier"}]) -> [{rule,
   category, severity, start, end, text, reason, better}], synchronous, offsets in
   UTF-16 code units, ordered by position then rule. Without `to` every rule runs; with
   it, rules that only concern the other audience are left out (a supplier message may
   carry a phone number). Throws when the rules did not load (an empty answer would
   wrongly read as "nothing found"). window.DelaybookReplyCheck.categories lists the
   category keys the rules cover. */
(function (global) {
  "use strict";
  var DATA = global.DELAYBOOK_REPLY_RULES;
  var VERSION = 3;
  // Traditional -> Simplified, from the "T1S1T2S2..." string of the rules (emit.rs).
  var TS = Object.create(null);
  (function (pairs) {
    var chars = Array.from(pairs || "");
    for (var i = 0; i + 1 < chars.length; i += 2) TS[chars[i]] = chars[i + 1];
  })(DATA && DATA.ts);
  // Exactly the characters Rust's char::is_whitespace accepts.
  var WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  var LINE_BREAKS = "\n\r\u2028\u2029\u0085\u000b\u000c";
  var INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad";
  var SENTENCE_ENDS = "。!?;\n｡";
  var CLAUSE_ENDS = SENTENCE_ENDS + ",、:…~()【】";
  var CHINESE_NUMERALS = "〇零一二两三四五六七八九十百千万";

  function endsSentence(c) {
    return SENTENCE_ENDS.indexOf(c) !== -1;
  }

  function endsClause(c) {
    return CLAUSE_ENDS.indexOf(c) !== -1;
  }

  function isAscii(c) {
    return c.codePointAt(0) < 128;
  }

  // text.rs fold_char: full-width ASCII forms to ASCII, ideographic space to space,
  // ASCII upper case to lower case, Traditional to Simplified.
  function foldChar(c) {
    var cp = c.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) {
      c = String.fromCodePoint(cp - 0xfee0);
    } else if (cp === 0x3000) {
      c = " ";
    }
    if (c >= "A" && c <= "Z") {
      return c.toLowerCase();
    }
    return TS[c] || c;
  }

  // text.rs fold: one unit per kept character with its UTF-16 offsets.
  function fold(text) {
    var units = [];
    var pending = false;
    var i = 0;
    while (i < text.length) {
      var raw = String.fromCodePoint(text.codePointAt(i));
      var start = i;
      i += raw.length;
      if (INVISIBLE.indexOf(raw) !== -1) {
        continue;
      }
      var c = foldChar(raw);
      var lineBreak = LINE_BREAKS.indexOf(raw) !== -1;
      if (lineBreak) {
        if (units.length && units[units.length - 1].ch === "\n") {
          continue;
        }
        pending = false;
      } else if (WS.test(c)) {
        pending = true;
        continue;
      }
      var ch = lineBreak ? "\n" : c;
      var last = units[units.length - 1];
      var brk = pending && !isAscii(ch) && !!last && !isAscii(last.ch);
      pending = false;
      units.push({ ch: ch, brk: brk, s: start, e: i });
    }
    return units;
  }

  function sortUnique(a) {
    a.sort(function (x, y) { return x - y; });
    var out = [];
    for (var i = 0; i < a.length; i += 1) {
      if (i === 0 || a[i] !== a[i - 1]) {
        out.push(a[i]);
      }
    }
    return out;
  }

  // The data, prepared once: literals split into characters, `first` into a lookup.
  function prepSeq(seq) {
    return seq.map(function (n) {
      if (typeof n === "string") {
        return { lit: Array.from(n) };
      }
      if (n.alt) {
        return { alt: n.alt.map(prepSeq) };
      }
      return n;
    });
  }

  function prepPatterns(list) {
    return list.map(function (p) {
      var first = null;
      if (p.first !== null) {
        first = Array.from(p.first);
      }
      return { seq: prepSeq(p.seq), first: first };
    });
  }

  function Engine(data) {
    this.d = data;
    this.sets = data.sets.map(function (alts) { return alts.map(prepSeq); });
    // Characters a set's match can start with (null: any), to skip it early.
    this.setFirst = data.set_first.map(function (f) { return f === null ? null : new Set(Array.from(f)); });
    this.rules = data.rules.map(function (r) {
      return {
        id: r.id, category: r.category, severity: r.severity, audience: r.audience, reason: r.reason,
        better: r.better, negation: r.negation, commandsNegate: r.commands_negate,
        patterns: prepPatterns(r.patterns),
        before: prepPatterns(r.before), after: prepPatterns(r.after), reply: prepPatterns(r.reply)
      };
    });
  }

  // matcher.rs Linter::text: which units start a negation, and where each character is.
  Engine.prototype.text = function (units) {
    var at = new Map();
    units.forEach(function (u, i) {
      if (!at.has(u.ch)) {
        at.set(u.ch, []);
      }
      at.get(u.ch).push(i);
    });
    var t = { u: units, neg: units.map(function () { return false; }), at: at, paid: null };
    var neg = [];
    for (var a = 0; a < units.length; a += 1) {
      var self = this;
      neg.push(this.setEnds(this.d.negators, t, a).some(function (n) { return !self.covered(t, a, n); }));
    }
    t.neg = neg;
    t.paid = this.paid(t);
    return t;
  };

  // matcher.rs Linter::paid: the amount inside the first match of 实付金额 (the last
  // number that starts in it).
  Engine.prototype.paid = function (t) {
    for (var a = 0; a < t.u.length; a += 1) {
      var ends = this.setEnds(this.d.paid, t, a);
      if (!ends.length) {
        continue;
      }
      var end = ends[ends.length - 1];
      for (var p = end - 1; p >= a; p -= 1) {
        var amt = amountAt(t.u, p);
        if (amt) {
          return [amt[0], p];
        }
      }
    }
    return null;
  };

  Engine.prototype.ends = function (seq, t, start) {
    var cur = [start];
    for (var i = 0; i < seq.length; i += 1) {
      cur = this.step(seq[i], t, cur);
      if (!cur.length) {
        break;
      }
    }
    return cur;
  };

  Engine.prototype.step = function (node, t, from) {
    var out = [];
    var u = t.u;
    for (var k = 0; k < from.length; k += 1) {
      var p = from[k];
      var j;
      if (node.lit) {
        if (litAt(u, p, node.lit)) {
          out.push(p + node.lit.length);
        }
      } else if (node.alt) {
        for (j = 0; j < node.alt.length; j += 1) {
          Array.prototype.push.apply(out, this.ends(node.alt[j], t, p));
        }
      } else if (node.set !== undefined) {
        var alts = this.sets[node.set] || [];
        var first = this.setFirst[node.set];
        if (first && !(p < u.length && first.has(u[p].ch))) {
          continue;
        }
        for (j = 0; j < alts.length; j += 1) {
          Array.prototype.push.apply(out, this.ends(alts[j], t, p));
        }
      } else if (node.gap !== undefined) {
        gapEnds(t, p, node.gap, node.wide, out);
      } else if (node.end) {
        if (p >= u.length || endsSentence(u[p].ch)) {
          out.push(p);
        }
      } else if (node.start) {
        if (p === 0 || endsClause(u[p - 1].ch) || (p < u.length && u[p].brk)) {
          out.push(p);
        }
      } else if (node.num) {
        var q = node.num === "over" ? overEnd(t, p, node.over)
          : node.num === "paid" ? paidEnd(t, p) : numEnd(u, p, node.num);
        if (q > p) {
          out.push(q);
        }
      }
    }
    return sortUnique(out);
  };

  // matcher.rs Text::starts: where a match of `pat` may start in from..to, ascending.
  function starts(pat, t, from, to) {
    var out = [];
    var a;
    if (pat.first === null) {
      for (a = from; a < to; a += 1) {
        out.push(a);
      }
      return out;
    }
    pat.first.forEach(function (c) {
      (t.at.get(c) || []).forEach(function (p) {
        if (p >= from && p < to) {
          out.push(p);
        }
      });
    });
    return out.sort(function (x, y) { return x - y; });
  }

  Engine.prototype.occurs = function (pat, t, from, to) {
    var self = this;
    return starts(pat, t, from, to).some(function (a) {
      return self.ends(pat.seq, t, a).some(function (b) { return b <= to; });
    });
  };

  Engine.prototype.ruleSpans = function (rule, t) {
    var self = this;
    var n = t.u.length;
    if (rule.reply.some(function (p) { return self.occurs(p, t, 0, n); })) {
      return [];
    }
    var found = [];
    rule.patterns.forEach(function (pat) {
      var next = 0;
      starts(pat, t, 0, n).forEach(function (i) {
        if (i < next) {
          return;
        }
        var ends = self.ends(pat.seq, t, i);
        var e = ends.length ? ends[ends.length - 1] : null;
        if (e !== null && !self.cancelled(rule, t, i, e, next)) {
          found.push([i, e]);
          next = e;
        }
      });
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var kept = [];
    found.forEach(function (span) {
      if (!kept.length || span[0] >= kept[kept.length - 1][1]) {
        kept.push(span);
      }
    });
    return kept;
  };

  Engine.prototype.cancelled = function (rule, t, s, e, floor) {
    var self = this;
    if (rule.negation && (this.negatedBefore(t, s, floor, rule.commandsNegate) || this.negatedAfter(t, e))) {
      return true;
    }
    var around = sentenceAround(t.u, s, e);
    return rule.before.some(function (p) { return self.occurs(p, t, around[0], s); }) ||
      rule.after.some(function (p) { return self.occurs(p, t, e, around[1]); });
  };

  Engine.prototype.negatedBefore = function (t, s, floor, commands) {
    var d = this.d;
    var self = this;
    for (var a = Math.max(floor, s - (d.window + d.negator_len)); a < s; a += 1) {
      var ok = this.setEnds(d.negators, t, a).some(function (n) {
        return n <= s && s - n <= d.window && self.reachClear(t, n, s) && !self.covered(t, a, n) &&
          (commands || !self.commandsAt(t, a, n));
      });
      if (ok) {
        return true;
      }
    }
    return false;
  };

  // matcher.rs commands_at: the negator at a..n gives a command (别, 不要 …).
  Engine.prototype.commandsAt = function (t, a, n) {
    return this.setEnds(this.d.commands, t, a).some(function (y) { return y >= n; });
  };

  Engine.prototype.negatedAfter = function (t, e) {
    var hi = Math.min(e + this.d.post_window, t.u.length);
    for (var b = e; b < hi; b += 1) {
      if (this.reachClear(t, e, b) && this.setEnds(this.d.post_negators, t, b).length) {
        return true;
      }
    }
    return false;
  };

  Engine.prototype.reachClear = function (t, from, to) {
    var u = t.u;
    var q;
    for (q = from; q < to; q += 1) {
      if (endsClause(u[q].ch)) {
        return false;
      }
    }
    for (q = from; q <= to; q += 1) {
      if (q < u.length && u[q].brk) {
        return false;
      }
    }
    for (var a = from; a < to; a += 1) {
      if (this.setEnds(this.d.breakers, t, a).some(function (b) { return b <= to; })) {
        return false;
      }
    }
    return true;
  };

  Engine.prototype.covered = function (t, a, n) {
    for (var x = Math.max(0, a - this.d.not_negator_len); x <= a; x += 1) {
      if (this.setEnds(this.d.not_negators, t, x).some(function (y) { return y >= n; })) {
        return true;
      }
    }
    return false;
  };

  Engine.prototype.setEnds = function (set, t, start) {
    return this.step({ set: set }, t, [start]);
  };

  // lint/mod.rs concerns.
  function concerns(rule, to) {
    return rule === "all" || to === "all" || rule === to;
  }

  Engine.prototype.check = function (reply, to) {
    var text = String(reply);
    var self = this;
    var t = this.text(fold(text));
    var u = t.u;
    var out = [];
    this.rules.forEach(function (rule, i) {
      if (!concerns(rule.audience, to)) {
        return;
      }
      self.ruleSpans(rule, t).forEach(function (span) {
        var start = u[span[0]].s;
        var end = u[span[1] - 1].e;
        out.push({ i: i, f: {
          rule: rule.id, category: rule.category, severity: rule.severity, start: start,
          end: end, text: text.slice(start, end), reason: rule.reason, better: rule.better
        } });
      });
    });
    out.sort(function (a, b) { return a.f.start - b.f.start || a.f.end - b.f.end || a.i - b.i; });
    return out.map(function (x) { return x.f; });
  };

  function sentenceAround(u, s, e) {
    var start = 0;
    var end = u.length;
    var i;
    for (i = s - 1; i >= 0; i -= 1) {
      if (endsSentence(u[i].ch)) {
        start = i + 1;
        break;
      }
    }
    for (i = e; i < u.length; i += 1) {
      if (endsSentence(u[i].ch)) {
        end = i;
        break;
      }
    }
    return [start, end];
  }

  function litAt(u, p, cs) {
    if (p + cs.length > u.length) {
      return false;
    }
    for (var i = 0; i < cs.length; i += 1) {
      if (u[p + i].ch !== cs[i]) {
        return false;
      }
    }
    return true;
  }

  function gapEnds(t, p, max, sentence, out) {
    var u = t.u;
    out.push(p);
    var q = p;
    while (q < u.length && q - p < max) {
      var stops = sentence ? endsSentence(u[q].ch) : endsClause(u[q].ch) || (q > p && u[q].brk);
      if (stops || t.neg[q]) {
        break;
      }
      q += 1;
      out.push(q);
    }
  }

  function isDigit(c) {
    return c >= "0" && c <= "9" && c.length === 1;
  }

  // amount.rs zh_digit.
  var ZH_DIGITS = { "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9 };
  var ZH_UNITS = { "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000 };

  function zhDigit(c) {
    return Object.prototype.hasOwnProperty.call(ZH_DIGITS, c) ? ZH_DIGITS[c] : null;
  }

  function zhUnit(c) {
    return Object.prototype.hasOwnProperty.call(ZH_UNITS, c) ? ZH_UNITS[c] : null;
  }

  function numeric(c) {
    return isDigit(c) || c === "." || zhDigit(c) !== null || zhUnit(c) !== null || c === "万";
  }

  // amount.rs amount_at: [value, end] of the amount starting at p, or null.
  function amountAt(u, p) {
    if (p >= u.length || (p > 0 && numeric(u[p - 1].ch)) || isTenths(u, p)) {
      return null;
    }
    var r = isDigit(u[p].ch) ? asciiAmount(u, p) : zhAmount(u, p);
    if (!r) {
      return null;
    }
    r = [r[0] + tenthsAfter(u, r[1]), r[1]];
    var next = r[1] < u.length ? u[r[1]].ch : "";
    if (next === "多" || next === "几" || next === "余") {
      return [r[0] + 0.5, r[1] + 1];
    }
    if (next === "来") {
      return [r[0], r[1] + 1];
    }
    return r;
  }

  // amount.rs tenths_after: 一块五 = 1.5, 9块9 = 9.9; not 三块两个.
  var COUNTERS = "个件条天斤包盒瓶张次份套双只箱";
  function tenthsAfter(u, q) {
    if (q >= u.length || (u[q].ch !== "块" && u[q].ch !== "元")) {
      return 0;
    }
    var d = q + 1 < u.length ? oneToNine(u[q + 1].ch) : null;
    if (d === null) {
      return 0;
    }
    var after = q + 2 < u.length ? u[q + 2].ch : "";
    var ends = after === "" || (!numeric(after) && COUNTERS.indexOf(after) < 0);
    return ends ? d / 10 : 0;
  }

  // amount.rs is_tenths: the 五 of 一块五.
  function isTenths(u, p) {
    return p >= 2 && numeric(u[p - 2].ch) && tenthsAfter(u, p - 1) > 0;
  }

  function oneToNine(c) {
    var d = isDigit(c) ? Number(c) : zhDigit(c);
    return d !== null && d >= 1 && d <= 9 ? d : null;
  }

  function asciiAmount(u, p) {
    var q = p;
    while (q < u.length) {
      var c = u[q].ch;
      var point = c === "." && q > p && q + 1 < u.length && isDigit(u[q + 1].ch);
      if (!(isDigit(c) || point)) {
        break;
      }
      q += 1;
    }
    var digits = "";
    for (var k = p; k < q; k++) {
      digits += u[k].ch;
    }
    return [Number(digits), q];
  }

  // amount.rs zh_amount.
  function zhAmount(u, p) {
    var start = u[p].ch;
    var sd = zhDigit(start);
    if (!((sd !== null && sd > 0) || zhUnit(start) === 10)) {
      return null;
    }
    var total = 0;
    var section = 0;
    var digit = null;
    var lastUnit = 0;
    var afterUnit = false;
    var zero = false;
    var abbrev = false;
    var q = p;
    while (q < u.length) {
      var c = u[q].ch;
      var d = zhDigit(c);
      var unit = zhUnit(c);
      if (d !== null) {
        if (digit !== null) {
          var nextIsDigit = q + 1 < u.length && zhDigit(u[q + 1].ch) !== null;
          if (d === digit + 1 && !nextIsDigit) {
            q += 1;
            continue;
          }
          if (total === 0 && section === 0) {
            return digitString(u, p);
          }
          break;
        }
        if (d === 0) {
          zero = true;
        } else {
          digit = d;
          abbrev = afterUnit && !zero;
        }
        afterUnit = false;
      } else if (unit !== null) {
        var n;
        if (digit !== null) {
          n = digit;
        } else if (unit === 10 && !afterUnit) {
          n = 1;
        } else {
          break;
        }
        section += n * unit;
        digit = null;
        lastUnit = unit;
        afterUnit = true;
        zero = false;
      } else if (c === "万") {
        var s = section + (digit === null ? 0 : digit);
        if (s === 0) {
          break;
        }
        total += s * 10000;
        section = 0;
        digit = null;
        lastUnit = 10000;
        afterUnit = true;
        zero = false;
      } else {
        break;
      }
      q += 1;
    }
    if (digit !== null) {
      section += abbrev && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
    }
    return [total + section, q];
  }

  function digitString(u, p) {
    var q = p;
    var v = 0;
    while (q < u.length && zhDigit(u[q].ch) !== null) {
      v = v * 10 + zhDigit(u[q].ch);
      q += 1;
    }
    return [v, q];
  }

  // amount.rs mobile_digit.
  function mobileDigit(c) {
    return isDigit(c) || c === "幺" || (zhDigit(c) !== null && c !== "两");
  }

  // matcher.rs mobile_end.
  function mobileEnd(u, p) {
    var digit = function (q) { return q >= 0 && q < u.length && mobileDigit(u[q].ch); };
    var one = p < u.length && (u[p].ch === "1" || u[p].ch === "一" || u[p].ch === "幺");
    if (!one || (p > 0 && digit(p - 1))) {
      return p;
    }
    var q = p;
    var n = 0;
    while (q < u.length && n < 11) {
      if (digit(q)) {
        n += 1;
      } else if (!(u[q].ch === "-" && digit(q - 1) && digit(q + 1))) {
        break;
      }
      q += 1;
    }
    return n === 11 && !digit(q) ? q : p;
  }

  // matcher.rs over_end: the amount at p when it is larger than `limit`.
  function overEnd(t, p, limit) {
    var a = amountAt(t.u, p);
    return a && a[0] > limit ? a[1] : p;
  }

  // matcher.rs paid_end: an amount at least the amount paid, not that amount itself.
  function paidEnd(t, p) {
    if (!t.paid || p === t.paid[1]) {
      return p;
    }
    var a = amountAt(t.u, p);
    return a && a[0] >= t.paid[0] ? a[1] : p;
  }

  function numEnd(u, p, kind) {
    if (kind === "mobile") {
      return mobileEnd(u, p);
    }
    var q = p;
    while (q < u.length) {
      var c = u[q].ch;
      var ok = kind === "ascii"
        ? isDigit(c) || (c === "." && q > p && q + 1 < u.length && isDigit(u[q + 1].ch))
        : CHINESE_NUMERALS.indexOf(c) !== -1;
      if (!ok) {
        break;
      }
      q += 1;
    }
    return q;
  }

  var engine = DATA && DATA.v === VERSION ? new Engine(DATA) : null;

  global.delaybookCheckReply = function (text, options) {
    if (!engine) {
      throw new Error("delaybook: reply rules not loaded (reply-rules.js)");
    }
    var to = options && (options.to === "buyer" || options.to === "supplier") ? options.to : "all";
    return engine.check(text, to);
  };
  global.DelaybookReplyCheck = {
    loaded: !!engine,
    categories: engine ? DATA.categories.slice() : [],
    fold: fold
  };
})(window);
