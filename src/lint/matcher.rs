//! The matching algorithm. `themes/default/js/reply-check.js` is a line-by-line port:
//! change one, change the other (the parity test runs both on the whole corpus).
//!
//! A pattern is matched by carrying the *set of positions* reached so far through its
//! nodes (Thompson-style, no backtracking, so no pattern can blow up). At each start
//! position, left to right, the longest match wins; the next search starts after it.
//! A match is then cancelled by, in order:
//!
//! 1. a negation (`否定词`) ending at most `window` characters before it, when nothing
//!    in between ends the negation's reach: clause punctuation, a space between Chinese
//!    characters, or a word of `否定终止` (的话, 就, 但 …); a negator inside a longer
//!    word of `非否定` (不好意思, 要不, 别人 …) does not count, nor does one inside the
//!    previous match of the same pattern (`别催了别催了` flags both); in a rule
//!    without `commands_negate` (rudeness) a command (`祈使否定`: 别, 不要 …) is no
//!    negation: `别磨叽了` is rude, `我不嫌烦` is not;
//! 2. a post-negation (`后置否定`: 是不行的, 不允许 …) starting at most `post_window`
//!    characters after it, in the same reach;
//! 3. an `unless_before` pattern earlier in the same sentence, or an `unless_after`
//!    pattern later in the same sentence.
//!
//! A rule with `unless_reply_has` does not run at all when the reply contains one.

use std::collections::HashMap;

use super::amount::{amount_at, mobile_digit};
use super::pattern::{Node, NumKind, SetRef};
use super::text::{Unit, ends_clause, ends_sentence};
use super::{CompiledPattern, CompiledRule, Linter};

/// The folded reply with, for each unit, whether a negation starts there (a negator
/// that is not part of a non-negating word). Gaps never step over one: in
/// `好评也不会返现` the gap of `好评……返现` stops at `不`.
pub(super) struct Text<'a> {
    /// The units.
    pub u: &'a [Unit],
    /// `neg[i]`: a negation starts at unit `i`.
    pub neg: Vec<bool>,
    /// Where each character occurs (ascending), so a pattern is only tried where its
    /// first character is.
    at: HashMap<char, Vec<usize>>,
    /// The amount the reply says the buyer paid and where its number starts.
    paid: Option<(f64, usize)>,
}

impl Text<'_> {
    /// The positions in `from..to` where a match of `pat` may start, ascending.
    fn starts(&self, pat: &CompiledPattern, from: usize, to: usize) -> Vec<usize> {
        let Some(first) = &pat.first else {
            return (from..to).collect();
        };
        let mut out: Vec<usize> = first
            .iter()
            .filter_map(|c| self.at.get(c))
            .flat_map(|ps| ps.iter().copied().filter(|&p| p >= from && p < to))
            .collect();
        out.sort_unstable();
        out
    }
}

pub(super) const CHINESE_NUMERALS: &str = "〇零一二两三四五六七八九十百千万";

impl Linter {
    /// Wraps folded units, marking where negations start.
    pub(super) fn text<'a>(&self, units: &'a [Unit]) -> Text<'a> {
        let mut at: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            at.entry(u.ch).or_default().push(i);
        }
        let mut t = Text {
            u: units,
            neg: vec![false; units.len()],
            at,
            paid: None,
        };
        let neg: Vec<bool> = (0..units.len())
            .map(|a| {
                self.set_ends(self.vocab.negators, &t, a)
                    .into_iter()
                    .any(|n| !self.covered(&t, a, n))
            })
            .collect();
        t.neg = neg;
        t.paid = self.paid(&t);
        t
    }

    /// The amount inside the first match of `实付金额` (the last number that starts in
    /// it: `一共二十八块` is 28, not the 一 of 一共), with where it starts.
    fn paid(&self, t: &Text<'_>) -> Option<(f64, usize)> {
        (0..t.u.len()).find_map(|a| {
            let end = self.set_ends(self.vocab.paid, t, a).last().copied()?;
            (a..end)
                .rev()
                .find_map(|p| amount_at(t.u, p).map(|(v, _)| (v, p)))
        })
    }

    /// Every end position of `seq` matched from `start`, ascending, without duplicates.
    pub(super) fn ends(&self, seq: &[Node], t: &Text<'_>, start: usize) -> Vec<usize> {
        let mut cur = vec![start];
        for node in seq {
            cur = self.step(node, t, &cur);
            if cur.is_empty() {
                break;
            }
        }
        cur
    }

    fn step(&self, node: &Node, t: &Text<'_>, from: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        for &p in from {
            match node {
                Node::Lit(cs) => {
                    if lit_at(t, p, cs) {
                        out.push(p + cs.len());
                    }
                }
                Node::Alt(alts) => {
                    for a in alts {
                        out.extend(self.ends(a, t, p));
                    }
                }
                Node::Set(SetRef::Index(i)) => {
                    let Some(set) = self.sets.get(*i) else {
                        continue;
                    };
                    let may = set
                        .first
                        .as_ref()
                        .is_none_or(|f| t.u.get(p).is_some_and(|u| f.binary_search(&u.ch).is_ok()));
                    if may {
                        for a in &set.alts {
                            out.extend(self.ends(a, t, p));
                        }
                    }
                }
                Node::Set(SetRef::Name(..)) => {}
                Node::Gap { max, sentence } => {
                    gap_ends(t, p, usize::from(*max), *sentence, &mut out)
                }
                Node::End => {
                    if t.u.get(p).is_none_or(|u| ends_sentence(u.ch)) {
                        out.push(p);
                    }
                }
                Node::Start => {
                    if starts_clause(t, p) {
                        out.push(p);
                    }
                }
                Node::Num(NumKind::AtLeastPaid) => {
                    let q = paid_end(t, p);
                    if q > p {
                        out.push(q);
                    }
                }
                Node::Num(kind) => {
                    let q = num_end(t, p, *kind);
                    if q > p {
                        out.push(q);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether `pat` matches anywhere in `t.u[from..to]` (ending by `to`).
    fn occurs(&self, pat: &CompiledPattern, t: &Text<'_>, from: usize, to: usize) -> bool {
        t.starts(pat, from, to)
            .into_iter()
            .any(|a| self.ends(&pat.seq, t, a).iter().any(|&b| b <= to))
    }

    /// The spans (unit indices) where `rule` fires, sorted and not overlapping.
    pub(super) fn rule_spans(&self, rule: &CompiledRule, t: &Text<'_>) -> Vec<(usize, usize)> {
        if rule.reply.iter().any(|p| self.occurs(p, t, 0, t.u.len())) {
            return Vec::new();
        }
        let mut found = Vec::new();
        for pat in &rule.patterns {
            // Left to right; after a match the search goes on from its end. A negator
            // inside the previous match ("别催了别催了") negates nothing.
            let mut next = 0;
            for i in t.starts(pat, 0, t.u.len()) {
                if i < next {
                    continue;
                }
                let longest = self.ends(&pat.seq, t, i).last().copied();
                if let Some(e) = longest.filter(|&e| !self.cancelled(rule, t, i, e, next)) {
                    found.push((i, e));
                    next = e;
                }
            }
        }
        // At one start the longest match wins; then left to right without overlap.
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for span in found {
            if kept.last().is_none_or(|last| span.0 >= last.1) {
                kept.push(span);
            }
        }
        kept
    }

    fn cancelled(
        &self,
        rule: &CompiledRule,
        t: &Text<'_>,
        s: usize,
        e: usize,
        floor: usize,
    ) -> bool {
        if rule.negation
            && (self.negated_before(t, s, floor, rule.commands_negate) || self.negated_after(t, e))
        {
            return true;
        }
        let (sent_start, sent_end) = sentence_around(t, s, e);
        rule.before.iter().any(|p| self.occurs(p, t, sent_start, s))
            || rule.after.iter().any(|p| self.occurs(p, t, e, sent_end))
    }

    fn negated_before(&self, t: &Text<'_>, s: usize, floor: usize, commands: bool) -> bool {
        let v = &self.vocab;
        let lo = s.saturating_sub(v.window + v.negator_len).max(floor);
        (lo..s).any(|a| {
            self.set_ends(v.negators, t, a).into_iter().any(|n| {
                n <= s
                    && s - n <= v.window
                    && self.reach_clear(t, n, s)
                    && !self.covered(t, a, n)
                    && (commands || !self.commands_at(t, a, n))
            })
        })
    }

    /// The negator at `a..n` gives a command (别, 不要 …).
    fn commands_at(&self, t: &Text<'_>, a: usize, n: usize) -> bool {
        self.set_ends(self.vocab.commands, t, a)
            .into_iter()
            .any(|y| y >= n)
    }

    fn negated_after(&self, t: &Text<'_>, e: usize) -> bool {
        let v = &self.vocab;
        let hi = (e + v.post_window).min(t.u.len());
        (e..hi)
            .any(|b| self.reach_clear(t, e, b) && !self.set_ends(v.post_negators, t, b).is_empty())
    }

    /// Nothing between `from` and `to` ends a negation's reach.
    fn reach_clear(&self, t: &Text<'_>, from: usize, to: usize) -> bool {
        if t.u[from..to].iter().any(|u| ends_clause(u.ch)) {
            return false;
        }
        if (from..=to).any(|q| t.u.get(q).is_some_and(|u| u.brk)) {
            return false;
        }
        !(from..to).any(|a| {
            self.set_ends(self.vocab.breakers, t, a)
                .into_iter()
                .any(|b| b <= to)
        })
    }

    /// The negator at `a..n` is part of a longer non-negating word (不好意思, 要不 …).
    fn covered(&self, t: &Text<'_>, a: usize, n: usize) -> bool {
        let lo = a.saturating_sub(self.vocab.not_negator_len);
        (lo..=a).any(|x| {
            self.set_ends(self.vocab.not_negators, t, x)
                .into_iter()
                .any(|y| y >= n)
        })
    }

    fn set_ends(&self, set: usize, t: &Text<'_>, start: usize) -> Vec<usize> {
        self.step(&Node::Set(SetRef::Index(set)), t, &[start])
    }
}

/// The sentence holding `s..e`: from just after the previous sentence end to the next.
fn sentence_around(t: &Text<'_>, s: usize, e: usize) -> (usize, usize) {
    let start = t.u[..s]
        .iter()
        .rposition(|u| ends_sentence(u.ch))
        .map_or(0, |i| i + 1);
    let end = t.u[e..]
        .iter()
        .position(|u| ends_sentence(u.ch))
        .map_or(t.u.len(), |i| e + i);
    (start, end)
}

fn lit_at(t: &Text<'_>, p: usize, cs: &[char]) -> bool {
    p + cs.len() <= t.u.len() && t.u[p..p + cs.len()].iter().zip(cs).all(|(u, c)| u.ch == *c)
}

/// A gap from `p` may take unit `q` unless `q` ends the gap's scope: sentence
/// punctuation always, clause punctuation and space breaks for a clause gap, and a
/// negation for every gap.
fn gap_ends(t: &Text<'_>, p: usize, max: usize, sentence: bool, out: &mut Vec<usize>) {
    out.push(p);
    let mut q = p;
    while q < t.u.len() && q - p < max {
        let u = t.u[q];
        let stops = if sentence {
            ends_sentence(u.ch)
        } else {
            ends_clause(u.ch) || (q > p && u.brk)
        } || t.neg[q];
        if stops {
            break;
        }
        q += 1;
        out.push(q);
    }
}

/// The end of the number starting at `p` (`p` itself when there is none).
fn num_end(t: &Text<'_>, p: usize, kind: NumKind) -> usize {
    if kind == NumKind::Mobile {
        return mobile_end(t, p);
    }
    if let NumKind::Over(limit) = kind {
        return over_end(t, p, limit);
    }
    let mut q = p;
    while q < t.u.len() {
        let c = t.u[q].ch;
        let ok = match kind {
            NumKind::Ascii => {
                c.is_ascii_digit()
                    || (c == '.' && q > p && t.u.get(q + 1).is_some_and(|u| u.ch.is_ascii_digit()))
            }
            NumKind::Chinese => CHINESE_NUMERALS.contains(c),
            NumKind::Mobile | NumKind::Over(_) | NumKind::AtLeastPaid => false,
        };
        if !ok {
            break;
        }
        q += 1;
    }
    q
}

/// The end of the amount at `p` when it is larger than `limit`, else `p`.
fn over_end(t: &Text<'_>, p: usize, limit: u32) -> usize {
    match amount_at(t.u, p) {
        Some((v, q)) if v > f64::from(limit) => q,
        _ => p,
    }
}

/// The end of the amount at `p` when it is at least the amount paid and is not the
/// paid amount itself, else `p`.
fn paid_end(t: &Text<'_>, p: usize) -> usize {
    let Some((paid, at)) = t.paid else {
        return p;
    };
    if p == at {
        return p;
    }
    match amount_at(t.u, p) {
        Some((v, q)) if v >= paid => q,
        _ => p,
    }
}

/// `{开头}`: the start of the reply or of a clause (after punctuation or a space
/// between Chinese characters).
fn starts_clause(t: &Text<'_>, p: usize) -> bool {
    p == 0 || ends_clause(t.u[p - 1].ch) || t.u.get(p).is_some_and(|u| u.brk)
}

/// The end of an eleven-digit mobile number at `p` (digits or Chinese digits, dashes
/// between digits allowed), `p` when there is none or when it is part of a longer run
/// of digits.
fn mobile_end(t: &Text<'_>, p: usize) -> usize {
    let digit = |q: usize| t.u.get(q).is_some_and(|u| mobile_digit(u.ch));
    let one =
        t.u.get(p)
            .is_some_and(|u| matches!(u.ch, '1' | '一' | '幺'));
    if !one || (p > 0 && digit(p - 1)) {
        return p;
    }
    let (mut q, mut n) = (p, 0);
    while q < t.u.len() && n < 11 {
        if digit(q) {
            n += 1;
        } else if !(t.u[q].ch == '-' && digit(q - 1) && digit(q + 1)) {
            break;
        }
        q += 1;
    }
    if n == 11 && !digit(q) { q } else { p }
}
