//! The reply linter: finds what must not be sent in a customer-service reply.
//!
//! One engine, used everywhere a reply is judged: `check` (templates must be clean,
//! anti-examples must be caught, every rule's own examples must behave), `delaybook
//! lint-reply`, and — through the data file [`emit::to_js`] and the vanilla port
//! `themes/default/js/reply-check.js` — the "check my reply" page and the template
//! library. Rules are data (`phrase_rules:` in the playbooks); this module parses their
//! patterns ([`pattern`]), compiles them with their category defaults ([`compile`]),
//! folds the reply ([`text`]) and matches ([`matcher`]).
//!
//! Why not regular expressions: content authors are not programmers, a wrong regex
//! fails silently, and the browser must give the same answer as Rust. The pattern
//! language is small (literals, alternatives, word sets, bounded gaps), every mistake
//! is a located error, and matching is linear in the reply for each pattern.

mod amount;
pub mod compile;
pub mod defaults;
pub mod emit;
mod matcher;
pub mod pattern;
pub mod text;

use serde::Serialize;

use crate::playbooks::model::{PhraseAudience, PhraseCategory, PhraseSeverity};
use pattern::Seq;

pub use compile::{Place, Problem, compile};

/// A compiled pattern: its tree and the characters a match can start with.
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    /// The resolved tree.
    pub seq: Seq,
    /// Sorted characters a match can start with; `None` when any character can.
    pub first: Option<Vec<char>>,
}

/// A rule ready to run: patterns resolved, category defaults applied.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// Rule id.
    pub id: String,
    /// Current category.
    pub category: PhraseCategory,
    /// Effective severity.
    pub severity: PhraseSeverity,
    /// Whom the rule concerns.
    pub audience: PhraseAudience,
    /// Why it must not be sent.
    pub reason: String,
    /// What to say instead.
    pub better: String,
    /// Whether negations cancel matches.
    pub negation: bool,
    /// Whether a command (`祈使否定`: 别, 不要 …) counts as a negation.
    pub commands_negate: bool,
    /// What the rule looks for.
    pub patterns: Vec<CompiledPattern>,
    /// Exceptions earlier in the same sentence.
    pub before: Vec<CompiledPattern>,
    /// Exceptions later in the same sentence.
    pub after: Vec<CompiledPattern>,
    /// Exceptions anywhere in the reply.
    pub reply: Vec<CompiledPattern>,
}

/// A word set after name resolution.
#[derive(Debug, Clone)]
pub struct ResolvedSet {
    /// The name authors write in braces.
    pub name: String,
    /// The alternatives.
    pub alts: Vec<Seq>,
    /// Sorted characters a match can start with; `None` when any can (or it can be empty).
    pub first: Option<Vec<char>>,
}

/// Where the negation vocabulary lives in the set table, and its reach.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Set index of the negators.
    pub negators: usize,
    /// Set index of the words that contain a negator but do not negate.
    pub not_negators: usize,
    /// Set index of the words that end a negation's reach.
    pub breakers: usize,
    /// Set index of the post-negations.
    pub post_negators: usize,
    /// Set index of the negators that give a command.
    pub commands: usize,
    /// Set index of the phrases stating the amount paid.
    pub paid: usize,
    /// Characters allowed between a negator and the match.
    pub window: usize,
    /// Characters allowed between the match and a post-negation.
    pub post_window: usize,
    /// Longest negator.
    pub negator_len: usize,
    /// Longest non-negating word.
    pub not_negator_len: usize,
}

/// The compiled rules.
#[derive(Debug, Clone, Default)]
pub struct Linter {
    sets: Vec<ResolvedSet>,
    rules: Vec<CompiledRule>,
    vocab: Vocab,
}

/// One problem found in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: String,
    /// Category key, e.g. `off_platform_contact`.
    pub category: PhraseCategory,
    /// `error` (never send) or `warning` (rewrite).
    pub severity: PhraseSeverity,
    /// Start of the match, in UTF-16 code units (as in JavaScript).
    pub start: usize,
    /// End of the match, in UTF-16 code units.
    pub end: usize,
    /// The matched text as written in the reply.
    pub text: String,
    /// Why it must not be sent.
    pub reason: String,
    /// What to say instead.
    pub better: String,
    /// Byte range of the match in the reply.
    #[serde(skip)]
    pub bytes: std::ops::Range<usize>,
}

impl Linter {
    /// The compiled rules, in content order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// The categories that have at least one rule, in the order of
    /// [`PhraseCategory::CURRENT`]: what a clean result has been checked for.
    pub fn categories(&self) -> Vec<PhraseCategory> {
        self.categories_for(PhraseAudience::All)
    }

    /// The categories that have at least one rule concerning `to`.
    pub fn categories_for(&self, to: PhraseAudience) -> Vec<PhraseCategory> {
        PhraseCategory::CURRENT
            .into_iter()
            .filter(|c| {
                self.rules
                    .iter()
                    .any(|r| r.category == *c && concerns(r.audience, to))
            })
            .collect()
    }

    /// Every finding in `reply`, ordered by position, then by rule order: every rule
    /// runs (the reader is unknown).
    pub fn check(&self, reply: &str) -> Vec<Finding> {
        self.check_to(reply, PhraseAudience::All)
    }

    /// The findings in a reply for `to`: rules that only concern the other audience
    /// are left out (`All` runs every rule).
    pub fn check_to(&self, reply: &str, to: PhraseAudience) -> Vec<Finding> {
        let folded = text::fold(reply);
        let t = self.text(&folded.units);
        let mut out: Vec<(usize, Finding)> = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !concerns(rule.audience, to) {
                continue;
            }
            let found = self.rule_findings(rule, reply, &t);
            out.extend(found.into_iter().map(|f| (i, f)));
        }
        out.sort_by_key(|(i, f)| (f.start, f.end, *i));
        out.into_iter().map(|(_, f)| f).collect()
    }

    /// The findings of rule number `i` alone (used to test a rule on its own examples).
    pub fn findings_of(&self, i: usize, reply: &str) -> Vec<Finding> {
        let folded = text::fold(reply);
        match self.rules.get(i) {
            Some(rule) => self.rule_findings(rule, reply, &self.text(&folded.units)),
            None => Vec::new(),
        }
    }

    fn rule_findings(
        &self,
        rule: &CompiledRule,
        reply: &str,
        t: &matcher::Text<'_>,
    ) -> Vec<Finding> {
        let u = t.u;
        self.rule_spans(rule, t)
            .into_iter()
            .map(|(s, e)| {
                let bytes = u[s].byte_start..u[e - 1].byte_end;
                Finding {
                    rule: rule.id.clone(),
                    category: rule.category,
                    severity: rule.severity,
                    start: u[s].u16_start,
                    end: u[e - 1].u16_end,
                    text: reply[bytes.clone()].to_string(),
                    reason: rule.reason.clone(),
                    better: rule.better.clone(),
                    bytes,
                }
            })
            .collect()
    }
}

/// Whether a rule for `rule` runs on a reply for `to`.
pub fn concerns(rule: PhraseAudience, to: PhraseAudience) -> bool {
    rule == PhraseAudience::All || to == PhraseAudience::All || rule == to
}

#[cfg(test)]
mod tests;
