//! The compiled rules as data for the browser: `reply-rules.js`, one statement setting
//! `window.DELAYBOOK_REPLY_RULES` from `JSON.parse('…')` (a script loads from `file://`
//! where `fetch()` cannot). `js/reply-check.js` runs them with the same algorithm as
//! [`super::matcher`].
//!
//! Layout (version 1): `{v, window, post_window, negators, not_negators, breakers,
//! post_negators, negator_len, not_negator_len, sets: [[seq]], set_first: [chars|null],
//! rules: [rule],
//! categories: [key]}`. A rule is `{id, category, severity, audience, reason, better, negation,
//! patterns, before, after, reply}`, each list holding `{seq, first}` (`first`: the
//! characters a match can start with, or `null`). A seq is an array of nodes: a string
//! (folded literal), `{alt: [seq]}`, `{set: i}`, `{gap: n, wide: bool}` or
//! `{num: "ascii"|"zh"|"mobile"}`, `{num: "over", over: n}` or `{end: true}`.
//! `ts` (version 2) holds the Traditional → Simplified pairs `T1S1T2S2…` the browser
//! folds with: only those whose Simplified character occurs in some rule (a reply
//! character folded to anything else cannot change a match). Version 3 adds `commands`
//! (the set of negators that give a command), `paid` (the set stating the amount paid),
//! a rule's `commands_negate` and the node `{num: "paid"}`.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::pattern::{Node, NumKind, Seq, SetRef};
use super::{CompiledPattern, Linter};

/// Version of the data layout; `reply-check.js` refuses another.
pub const FORMAT_VERSION: u32 = 3;

/// The data as JSON.
pub fn to_json(l: &Linter) -> Value {
    let v = &l.vocab;
    json!({
        "v": FORMAT_VERSION,
        "window": v.window,
        "post_window": v.post_window,
        "negators": v.negators,
        "not_negators": v.not_negators,
        "breakers": v.breakers,
        "post_negators": v.post_negators,
        "commands": v.commands,
        "paid": v.paid,
        "negator_len": v.negator_len,
        "not_negator_len": v.not_negator_len,
        "sets": l.sets.iter().map(|s| s.alts.iter().map(seq).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "set_first": l.sets.iter().map(|s| s.first.as_ref().map(|f| f.iter().collect::<String>())).collect::<Vec<_>>(),
        "rules": l.rules.iter().map(|r| json!({
            "id": r.id,
            "category": r.category,
            "severity": r.severity,
            "audience": r.audience,
            "reason": r.reason,
            "better": r.better,
            "negation": r.negation,
            "commands_negate": r.commands_negate,
            "patterns": patterns(&r.patterns),
            "before": patterns(&r.before),
            "after": patterns(&r.after),
            "reply": patterns(&r.reply),
        })).collect::<Vec<_>>(),
        "categories": l.categories(),
        "ts": crate::search::normalize::ts_pairs_for(&rule_chars(l)),
    })
}

/// Every character a rule or set can match literally, plus the Chinese numerals.
fn rule_chars(l: &Linter) -> BTreeSet<char> {
    let mut out: BTreeSet<char> = super::matcher::CHINESE_NUMERALS.chars().collect();
    out.extend(super::amount::AMOUNT_CHARS.chars());
    let mut add = |s: &Seq| seq_chars(s, &mut out);
    l.sets.iter().flat_map(|s| &s.alts).for_each(&mut add);
    for r in &l.rules {
        [&r.patterns, &r.before, &r.after, &r.reply]
            .into_iter()
            .flatten()
            .for_each(|p| add(&p.seq));
    }
    out
}

fn seq_chars(s: &Seq, out: &mut BTreeSet<char>) {
    for n in s {
        match n {
            Node::Lit(cs) => out.extend(cs.iter().copied()),
            Node::Alt(alts) => alts.iter().for_each(|a| seq_chars(a, out)),
            _ => {}
        }
    }
}

/// The complete bytes of `reply-rules.js`.
pub fn to_js(l: &Linter) -> Vec<u8> {
    let data = to_json(l).to_string();
    let mut out = String::with_capacity(data.len() + 128);
    out.push_str(
        "/* delaybook reply rules (generated from phrase_rules; see src/lint/emit.rs) */\n",
    );
    out.push_str("window.DELAYBOOK_REPLY_RULES = JSON.parse('");
    for c in data.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push_str("');\n");
    out.into_bytes()
}

fn patterns(ps: &[CompiledPattern]) -> Vec<Value> {
    ps.iter()
        .map(|p| {
            let first: Option<String> = p.first.as_ref().map(|f| f.iter().collect());
            json!({ "seq": seq(&p.seq), "first": first })
        })
        .collect()
}

fn seq(s: &Seq) -> Value {
    Value::Array(s.iter().map(node).collect())
}

fn node(n: &Node) -> Value {
    match n {
        Node::Lit(cs) => Value::String(cs.iter().collect()),
        Node::Alt(alts) => json!({ "alt": alts.iter().map(seq).collect::<Vec<_>>() }),
        Node::Set(SetRef::Index(i)) => json!({ "set": i }),
        Node::Set(SetRef::Name(..)) => json!({ "alt": [] }),
        Node::Gap { max, sentence } => json!({ "gap": max, "wide": sentence }),
        Node::Num(NumKind::Ascii) => json!({ "num": "ascii" }),
        Node::Num(NumKind::Chinese) => json!({ "num": "zh" }),
        Node::Num(NumKind::Mobile) => json!({ "num": "mobile" }),
        Node::Num(NumKind::Over(n)) => json!({ "num": "over", "over": n }),
        Node::Num(NumKind::AtLeastPaid) => json!({ "num": "paid" }),
        Node::End => json!({ "end": true }),
        Node::Start => json!({ "start": true }),
    }
}
