//! Compiling phrase rules: parse every pattern, resolve word sets (built-in ones
//! unless the author redefines them), refuse cycles, and give every rule its
//! category's defaults. Problems come back as values with a [`Place`], so that
//! `validate` can point at the file, line and column.

use std::collections::{BTreeMap, BTreeSet};

use super::defaults;
use super::pattern::{self, Node, NumKind, Seq, SetRef};
use super::{CompiledPattern, CompiledRule, Linter, ResolvedSet, Vocab};
use crate::playbooks::model::{CategorySettings, PhraseCategory, PhraseRule};

/// What to compile.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The rules, in content order.
    pub rules: &'a [PhraseRule],
    /// Author-defined word sets.
    pub sets: &'a BTreeMap<String, Vec<String>>,
    /// Author-defined category defaults.
    pub categories: &'a BTreeMap<PhraseCategory, CategorySettings>,
    /// Platform rules with a numeric value, as `platform.key` → value, for
    /// `{数字>rule:platform.key}`.
    pub limits: BTreeMap<String, f64>,
}

/// Where a problem is, in terms of the content model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// `phrase_sets.<name>[item]`.
    Set {
        /// Set name.
        name: String,
        /// Index of the word.
        item: usize,
    },
    /// `phrase_categories.<category>.<field>[item]`.
    Category {
        /// The category as the author wrote it.
        category: PhraseCategory,
        /// `unless_before`, `unless_after` or `unless_reply_has`.
        field: &'static str,
        /// Index in the list.
        item: usize,
    },
    /// `phrase_rules[rule].<field>[item]`, `rule` counted over all files in order.
    Rule {
        /// Index of the rule in the merged list.
        rule: usize,
        /// `phrases`, `unless_before`, `unless_after` or `unless_reply_has`.
        field: &'static str,
        /// Index in the list.
        item: usize,
    },
}

/// A problem in a pattern or a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `E053` syntax, `E054` unknown set, `E057` set definition problem.
    pub code: &'static str,
    /// Where.
    pub place: Place,
    /// Character of the pattern (0-based) when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Compiles everything; broken patterns are left out and reported.
pub fn compile(input: &Input<'_>) -> (Linter, Vec<Problem>) {
    let mut c = Compiler {
        limits: input.limits.clone(),
        ..Compiler::default()
    };
    c.build_sets(input.sets);
    let cats = c.category_defaults(input.categories);
    let rules = input
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| c.rule(i, r, &cats))
        .collect();
    let vocab = c.vocab();
    let linter = Linter {
        sets: c.sets,
        rules,
        vocab,
    };
    (linter, c.problems)
}

/// The compiled defaults of one category.
#[derive(Debug, Clone, Default)]
struct CategoryDefaults {
    severity: Option<crate::playbooks::model::PhraseSeverity>,
    audience: Option<crate::playbooks::model::PhraseAudience>,
    negation: Option<bool>,
    lists: [Vec<super::CompiledPattern>; 3],
}

const LIST_FIELDS: [&str; 3] = ["unless_before", "unless_after", "unless_reply_has"];

/// A set before parsing: its name and its words, each with where it was written
/// (`None` for the built-in ones).
type RawSet = (String, Vec<(String, Option<Place>)>);

#[derive(Default)]
struct Compiler {
    sets: Vec<ResolvedSet>,
    names: BTreeMap<String, usize>,
    min: Vec<usize>,
    problems: Vec<Problem>,
    limits: BTreeMap<String, f64>,
}

impl Compiler {
    fn problem(&mut self, code: &'static str, place: Option<Place>, e: pattern::PatternError) {
        if let Some(place) = place {
            self.problems.push(Problem {
                code,
                place,
                column: Some(e.column),
                message: e.message,
                hint: e.hint,
            });
        }
    }

    /// Built-in sets (unless redefined), then the author's, parsed and resolved.
    fn build_sets(&mut self, authored: &BTreeMap<String, Vec<String>>) {
        let mut raw: Vec<RawSet> = Vec::new();
        for (name, items) in defaults::builtin_sets() {
            if !authored.contains_key(name) {
                raw.push((
                    name.to_string(),
                    items.iter().map(|s| (s.to_string(), None)).collect(),
                ));
            }
        }
        for (name, items) in authored {
            if let Some(e) = bad_set_name(name) {
                let place = Place::Set {
                    name: name.clone(),
                    item: 0,
                };
                self.problem("E057", Some(place), e);
                continue;
            }
            let items = items.iter().enumerate().map(|(item, s)| {
                (
                    s.clone(),
                    Some(Place::Set {
                        name: name.clone(),
                        item,
                    }),
                )
            });
            raw.push((name.clone(), items.collect()));
        }
        for (i, (name, _)) in raw.iter().enumerate() {
            self.names.insert(name.clone(), i);
        }
        for (name, items) in raw {
            let alts = items
                .into_iter()
                .filter_map(|(src, place)| self.parse_resolved(&src, place))
                .collect();
            self.sets.push(ResolvedSet {
                name,
                alts,
                first: None,
            });
        }
        self.break_cycles();
        self.min = (0..self.sets.len()).map(|i| self.set_min(i, 0)).collect();
        for i in 0..self.sets.len() {
            let (first, nullable) = self.node_first(&Node::Set(SetRef::Index(i)));
            self.sets[i].first = first.filter(|_| !nullable).map(|f| f.into_iter().collect());
        }
    }

    fn parse_resolved(&mut self, src: &str, place: Option<Place>) -> Option<Seq> {
        let seq = match pattern::parse(src) {
            Ok(seq) => seq,
            Err(e) => {
                self.problem("E053", place, e);
                return None;
            }
        };
        match self.resolve(seq) {
            Ok(seq) => Some(seq),
            Err(e) => {
                self.problem("E054", place, e);
                None
            }
        }
    }

    fn resolve(&self, seq: Seq) -> Result<Seq, pattern::PatternError> {
        seq.into_iter()
            .map(|n| match n {
                Node::Set(SetRef::Name(name, col)) => {
                    if let Some(key) = name.strip_prefix("数字>") {
                        return self.rule_limit(key, col);
                    }
                    match self.names.get(&name) {
                        Some(&i) => Ok(Node::Set(SetRef::Index(i))),
                        None => Err(unknown_set(&name, col, self.names.keys())),
                    }
                }
                Node::Alt(alts) => alts
                    .into_iter()
                    .map(|a| self.resolve(a))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Node::Alt),
                other => Ok(other),
            })
            .collect()
    }

    /// `{数字>rule:platform.key}`: the platform rule's value as the limit (rounded down
    /// to a whole number, as `{数字>N}` takes one).
    fn rule_limit(&self, key: &str, col: usize) -> Result<Node, pattern::PatternError> {
        let key = key.trim().trim_start_matches("rule:").trim();
        match self.limits.get(key) {
            Some(&v) if v >= 0.0 && v < f64::from(u32::MAX) => {
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "checked to be in range just above"
                )]
                let n = v.floor() as u32;
                Ok(Node::Num(NumKind::Over(n)))
            }
            _ => {
                let known: Vec<&str> = self.limits.keys().map(String::as_str).collect();
                Err(pattern::PatternError::new(
                    col,
                    crate::tr!("pat.no_rule_number", key = key),
                    &crate::tr!("pat.no_rule_number_hint", rules = known.join(", ")),
                ))
            }
        }
    }

    /// A set that refers back to itself is reported and emptied, so matching ends.
    fn break_cycles(&mut self) {
        for i in 0..self.sets.len() {
            if self.reaches(i, i, &mut BTreeSet::new()) {
                let name = self.sets[i].name.clone();
                self.problems.push(Problem {
                    code: "E057",
                    place: Place::Set {
                        name: name.clone(),
                        item: 0,
                    },
                    column: None,
                    message: crate::tr!("pat.set_cycle", set = name),
                    hint: Some(crate::tr!("pat.set_cycle_hint")),
                });
                self.sets[i].alts.clear();
            }
        }
    }

    fn reaches(&self, from: usize, target: usize, seen: &mut BTreeSet<usize>) -> bool {
        let mut refs = Vec::new();
        for a in &self.sets[from].alts {
            set_refs(a, &mut refs);
        }
        refs.into_iter()
            .any(|r| r == target || (seen.insert(r) && self.reaches(r, target, seen)))
    }

    fn set_min(&self, i: usize, depth: usize) -> usize {
        if depth > self.sets.len() {
            return 0;
        }
        let f = |j: usize| self.set_min(j, depth + 1);
        self.sets[i]
            .alts
            .iter()
            .map(|a| pattern::min_len(a, &f))
            .min()
            .unwrap_or(0)
    }

    /// One pattern of a rule or category: parsed, resolved, never empty.
    fn pattern(&mut self, src: &str, place: Option<Place>) -> Option<CompiledPattern> {
        let seq = self.parse_resolved(src, place.clone())?;
        let min = |j: usize| self.min.get(j).copied().unwrap_or(0);
        if pattern::min_len(&seq, &min) == 0 {
            let e = pattern::PatternError {
                column: 0,
                message: crate::tr!("pat.matches_nothing"),
                hint: Some(crate::tr!("pat.matches_nothing_hint")),
            };
            self.problem("E053", place, e);
            return None;
        }
        let first = self.first(&seq).map(|s| s.into_iter().collect());
        Some(CompiledPattern { seq, first })
    }

    fn category_defaults(
        &mut self,
        authored: &BTreeMap<PhraseCategory, CategorySettings>,
    ) -> BTreeMap<PhraseCategory, CategoryDefaults> {
        let mut out = BTreeMap::new();
        for cat in PhraseCategory::CURRENT {
            let mut d = CategoryDefaults::default();
            for (k, list) in defaults::exceptions(cat).into_iter().enumerate() {
                d.lists[k] = list.iter().filter_map(|s| self.pattern(s, None)).collect();
            }
            out.insert(cat, d);
        }
        for (cat, s) in authored {
            let Some(d) = out.get_mut(&cat.current()) else {
                continue;
            };
            d.severity = s.severity.or(d.severity);
            d.audience = s.audience.or(d.audience);
            d.negation = s.negation.or(d.negation);
            let lists = [&s.unless_before, &s.unless_after, &s.unless_reply_has];
            let mut compiled: [Vec<CompiledPattern>; 3] = Default::default();
            for (k, list) in lists.into_iter().enumerate() {
                for (item, src) in list.iter().enumerate() {
                    let place = Place::Category {
                        category: *cat,
                        field: LIST_FIELDS[k],
                        item,
                    };
                    compiled[k].extend(self.pattern(src, Some(place)));
                }
            }
            if let Some(d) = out.get_mut(&cat.current()) {
                for (k, c) in compiled.into_iter().enumerate() {
                    d.lists[k].extend(c);
                }
            }
        }
        out
    }

    fn rule(
        &mut self,
        i: usize,
        r: &PhraseRule,
        cats: &BTreeMap<PhraseCategory, CategoryDefaults>,
    ) -> CompiledRule {
        let category = r.category.current();
        let d = cats.get(&category).cloned().unwrap_or_default();
        let mut list = |field: &'static str, srcs: &[String]| -> Vec<CompiledPattern> {
            let places = srcs.iter().enumerate();
            places
                .filter_map(|(item, s)| {
                    self.pattern(
                        s,
                        Some(Place::Rule {
                            rule: i,
                            field,
                            item,
                        }),
                    )
                })
                .collect()
        };
        let patterns = list("phrases", &r.phrases);
        let mut lists = d.lists;
        lists[0].extend(list(LIST_FIELDS[0], &r.unless_before));
        lists[1].extend(list(LIST_FIELDS[1], &r.unless_after));
        lists[2].extend(list(LIST_FIELDS[2], &r.unless_reply_has));
        let [before, after, reply] = lists;
        CompiledRule {
            id: r.id.clone(),
            category,
            severity: r
                .severity
                .or(d.severity)
                .unwrap_or_else(|| defaults::severity(category)),
            audience: r
                .audience
                .or(d.audience)
                .unwrap_or_else(|| defaults::audience(category)),
            reason: r.reason.trim().to_string(),
            better: r.better.trim().to_string(),
            negation: r.negation.or(d.negation).unwrap_or(true),
            commands_negate: defaults::commands_negate(category),
            patterns,
            before,
            after,
            reply,
        }
    }

    fn vocab(&self) -> Vocab {
        let idx = |name: &str| self.names.get(name).copied().unwrap_or(0);
        let (negators, not_negators) = (idx(defaults::NEGATORS), idx(defaults::NOT_NEGATORS));
        Vocab {
            negators,
            not_negators,
            breakers: idx(defaults::BREAKERS),
            post_negators: idx(defaults::POST_NEGATORS),
            commands: idx(defaults::COMMANDS),
            paid: idx(defaults::PAID),
            window: defaults::NEGATION_WINDOW,
            post_window: defaults::POST_NEGATION_WINDOW,
            negator_len: self.set_max(negators),
            not_negator_len: self.set_max(not_negators),
        }
    }

    /// The longest match of a set, a gap counted at its reach and a number at 40.
    fn set_max(&self, i: usize) -> usize {
        self.sets.get(i).map_or(0, |s| {
            s.alts.iter().map(|a| self.seq_max(a)).max().unwrap_or(0)
        })
    }

    fn seq_max(&self, seq: &Seq) -> usize {
        seq.iter()
            .map(|n| match n {
                Node::Lit(s) => s.len(),
                Node::Alt(alts) => alts.iter().map(|a| self.seq_max(a)).max().unwrap_or(0),
                Node::Set(SetRef::Index(j)) => self.set_max(*j),
                Node::Set(SetRef::Name(..)) => 0,
                Node::Gap { max, .. } => usize::from(*max),
                Node::Num(_) => 40,
                Node::End | Node::Start => 0,
            })
            .sum()
    }

    /// The characters a match of `seq` can start with; `None` = any.
    fn first(&self, seq: &[Node]) -> Option<BTreeSet<char>> {
        let mut acc = BTreeSet::new();
        for node in seq {
            let (f, nullable) = self.node_first(node);
            acc.extend(f?);
            if !nullable {
                break;
            }
        }
        Some(acc)
    }

    fn node_first(&self, node: &Node) -> (Option<BTreeSet<char>>, bool) {
        let min = |j: usize| self.min.get(j).copied().unwrap_or(0);
        let alts: &[Seq] = match node {
            Node::Lit(s) => return (Some(s.iter().take(1).copied().collect()), s.is_empty()),
            Node::Num(NumKind::Ascii) => return (Some(('0'..='9').collect()), false),
            Node::Num(NumKind::Over(_) | NumKind::AtLeastPaid) => {
                let zh = "一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾".chars();
                return (Some(('0'..='9').chain(zh).collect()), false);
            }
            Node::Num(NumKind::Chinese) => {
                return (
                    Some(super::matcher::CHINESE_NUMERALS.chars().collect()),
                    false,
                );
            }
            Node::Num(NumKind::Mobile) => {
                return (Some(['1', '一', '幺'].into_iter().collect()), false);
            }
            Node::Gap { .. } | Node::Set(SetRef::Name(..)) => return (None, true),
            Node::End | Node::Start => return (Some(BTreeSet::new()), true),
            Node::Alt(alts) => alts,
            Node::Set(SetRef::Index(i)) => self.sets.get(*i).map_or(&[][..], |s| &s.alts[..]),
        };
        let mut acc = BTreeSet::new();
        for a in alts {
            match self.first(a) {
                Some(f) => acc.extend(f),
                None => return (None, true),
            }
        }
        (
            Some(acc),
            alts.iter().any(|a| pattern::min_len(a, &min) == 0),
        )
    }
}

fn set_refs(seq: &Seq, out: &mut Vec<usize>) {
    for n in seq {
        match n {
            Node::Set(SetRef::Index(i)) => out.push(*i),
            Node::Alt(alts) => alts.iter().for_each(|a| set_refs(a, out)),
            _ => {}
        }
    }
}

fn bad_set_name(name: &str) -> Option<pattern::PatternError> {
    let reserved = ["数字", "中文数字", "手机号码", "结尾", "开头"].contains(&name);
    let bad_char = name
        .chars()
        .any(|c| "{}()|….".contains(c) || c.is_whitespace());
    let message = if reserved {
        crate::tr!("pat.builtin_set", set = name)
    } else if name.is_empty() || bad_char || name.chars().all(|c| c.is_ascii_digit()) {
        crate::tr!("pat.bad_set_name", set = name)
    } else {
        return None;
    };
    Some(pattern::PatternError {
        column: 0,
        message,
        hint: Some(crate::tr!("pat.set_name_hint")),
    })
}

fn unknown_set<'a>(
    name: &str,
    col: usize,
    known: impl Iterator<Item = &'a String> + Clone,
) -> pattern::PatternError {
    let mut names: Vec<&str> = known.map(String::as_str).collect();
    names.extend(["数字", "中文数字", "手机号码", "结尾", "开头"]);
    let hint = match crate::diag::did_you_mean(name, names.iter().copied()) {
        Some(first) => crate::tr!("pat.unknown_set_hint_dym", first = first),
        None => crate::tr!(
            "pat.unknown_set_hint_known",
            names = names.join(&crate::tr!("list.sep"))
        ),
    };
    pattern::PatternError {
        column: col,
        message: crate::tr!("pat.unknown_set", set = name),
        hint: Some(hint),
    }
}
