/* delaybook: phrase rules in the browser. The same matching as `delaybook check`
   (crate::validate::normalize_phrase): lower case, every white-space character removed,
   substring match. The rules arrive with their phrases already normalised by delaybook. */
(function () {
  "use strict";
  // Exactly the characters Rust's char::is_whitespace accepts.
  var WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

  // Lower-cases one character at a time like Rust's char::to_lowercase (a whole-string
  // toLowerCase would turn a final Σ into ς, which Rust does not).
  function normalize(text) {
    return Array.from(String(text).replace(WS, ""), function (c) {
      return c.toLowerCase();
    }).join("");
  }

  function hits(text, rules) {
    var norm = normalize(text);
    var out = [];
    (rules || []).forEach(function (rule) {
      rule.phrases.forEach(function (phrase, i) {
        var p = rule.norm[i];
        if (p && norm.indexOf(p) !== -1) {
          out.push({ rule: rule, phrase: phrase });
        }
      });
    });
    return out;
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

  window.DelaybookPhrases = { normalize: normalize, hits: hits, readJson: readJson };
})();
