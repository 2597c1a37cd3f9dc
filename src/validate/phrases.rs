//! Phrase rules are checked like code: every pattern parses (E053), every `{set}`
//! exists (E054), sets and category defaults are defined once and without cycles
//! (E057), and every rule passes its own examples — it flags each `flag` reply (E055)
//! and none of the `pass` replies (E056). Old category names and rules without
//! examples get a warning (W050, W051). What the rules say about templates and
//! anti-examples is in [`super::replies`].

use std::collections::BTreeMap;

use super::Content;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::lint::{Place, Problem};
use crate::playbooks::RawContent;
use crate::playbooks::model::PhraseRule;
use crate::yaml::Source;

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    let owners = RuleOwners::new(raw);
    check_definitions(raw, diag);
    let (_, problems) = crate::lint::compile(&content.lint_input());
    for p in &problems {
        report_problem(raw, &owners, content, p, diag);
    }
    for (i, rule) in content.phrase_rules.iter().enumerate() {
        let Some((f, j)) = owners.get(i) else {
            continue;
        };
        let source = &raw.files[f].source;
        check_rule_shape(source, j, rule, diag);
        check_examples(content, source, i, j, rule, diag);
    }
    super::replies::check(raw, content, diag);
}

/// For each rule of the merged list, the file and the index in that file.
struct RuleOwners(Vec<(usize, usize)>);

impl RuleOwners {
    fn new(raw: &RawContent) -> Self {
        let mut v = Vec::new();
        for (f, file) in raw.files.iter().enumerate() {
            v.extend((0..file.content.phrase_rules.len()).map(|j| (f, j)));
        }
        RuleOwners(v)
    }

    fn get(&self, i: usize) -> Option<(usize, usize)> {
        self.0.get(i).copied()
    }
}

/// A set or a category's defaults defined in two files: the second is ignored.
fn check_definitions(raw: &RawContent, diag: &mut Diagnostics) {
    let mut sets: BTreeMap<&str, &Source> = BTreeMap::new();
    let mut cats: BTreeMap<&str, &Source> = BTreeMap::new();
    for file in &raw.files {
        let s = &file.source;
        for name in file.content.phrase_sets.keys() {
            let path = format!("phrase_sets.{name}");
            if let Some(first) = sets.insert(name, s) {
                diag.push(twice("ph.set_twice", name, first, s, &path));
            }
        }
        for cat in file.content.phrase_categories.keys() {
            let path = format!("phrase_categories.{}", cat.key());
            if let Some(first) = cats.insert(cat.current().key(), s) {
                diag.push(twice("ph.category_twice", cat.key(), first, s, &path));
            }
        }
    }
}

fn twice(key: &str, name: &str, first: &Source, here: &Source, path: &str) -> Diagnostic {
    Diagnostic::error("E057", here.span(path), crate::tr!(key, name = name))
        .with_path(path)
        .with_hint(Some(crate::tr!(
            "ph.twice_hint",
            file = first.path.display()
        )))
}

fn report_problem(
    raw: &RawContent,
    owners: &RuleOwners,
    content: &Content,
    p: &Problem,
    diag: &mut Diagnostics,
) {
    let located = match &p.place {
        Place::Rule { rule, field, item } => owners.get(*rule).map(|(f, j)| {
            let path = format!("phrase_rules[{j}].{field}[{item}]");
            let src = content.phrase_rules[*rule].pattern_at(field, *item);
            (&raw.files[f].source, path, src)
        }),
        Place::Set { name, item } => first_file_with(raw, |c| c.phrase_sets.contains_key(name))
            .map(|f| {
                let path = format!("phrase_sets.{name}[{item}]");
                let src = content
                    .phrase_sets
                    .get(name)
                    .and_then(|v| v.get(*item))
                    .cloned();
                (&raw.files[f].source, path, src)
            }),
        Place::Category {
            category,
            field,
            item,
        } => first_file_with(raw, |c| c.phrase_categories.contains_key(category)).map(|f| {
            let path = format!("phrase_categories.{}.{field}[{item}]", category.key());
            (&raw.files[f].source, path, None)
        }),
    };
    let Some((source, path, pattern)) = located else {
        return;
    };
    let message = match &pattern {
        Some(src) => crate::tr!("ph.pattern", pattern = src, problem = p.message),
        None => p.message.clone(),
    };
    diag.push(
        Diagnostic::error(p.code, span_in_scalar(source, &path, p.column), message)
            .with_path(&path)
            .with_hint(p.hint.clone()),
    );
}

fn first_file_with(
    raw: &RawContent,
    has: impl Fn(&crate::playbooks::model::ContentFile) -> bool,
) -> Option<usize> {
    raw.files.iter().position(|f| has(&f.content))
}

/// The span of character `column` inside the scalar at `path` (one-line scalars;
/// quoted ones are shifted past the quote; block scalars point at their start).
pub(super) fn span_in_scalar(source: &Source, path: &str, column: Option<usize>) -> Span {
    let (line, col) = source.locate(path);
    let Some(column) = column else {
        return Span::at(&source.path, line, col);
    };
    let text = source
        .text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("");
    let opening = text.chars().nth(col.saturating_sub(1));
    let shift = match opening {
        Some('"' | '\'') => 1,
        Some('|' | '>') => return Span::at(&source.path, line, col),
        _ => 0,
    };
    Span::at(&source.path, line, col + shift + column)
}

fn check_rule_shape(source: &Source, j: usize, rule: &PhraseRule, diag: &mut Diagnostics) {
    let path = format!("phrase_rules[{j}]");
    if rule.phrases.iter().all(|p| p.trim().is_empty()) {
        let p = format!("{path}.phrases");
        diag.push(
            Diagnostic::error(
                "E052",
                source.span(&p),
                crate::tr!("ph.no_phrases", rule = rule.id),
            )
            .with_path(&p)
            .with_hint(Some(crate::tr!("ph.no_phrases_hint"))),
        );
    }
    if rule.category.current() != rule.category {
        let p = format!("{path}.category");
        diag.push(
            Diagnostic::warning(
                "W050",
                source.span(&p),
                crate::tr!("ph.old_category", category = rule.category.key()),
            )
            .with_path(&p)
            .with_hint(Some(crate::tr!(
                "ph.old_category_hint",
                category = rule.category.current().key()
            ))),
        );
    }
    if rule.examples.flag.is_empty() || rule.examples.pass.is_empty() {
        let p = format!("{path}.examples");
        diag.push(
            Diagnostic::warning(
                "W051",
                source.span(&path),
                crate::tr!(
                    if rule.examples.flag.is_empty() {
                        "ph.no_flag_examples"
                    } else {
                        "ph.no_pass_examples"
                    },
                    rule = rule.id
                ),
            )
            .with_path(&p)
            .with_hint(Some(crate::tr!("ph.examples_hint"))),
        );
    }
}

fn check_examples(
    content: &Content,
    source: &Source,
    i: usize,
    j: usize,
    rule: &PhraseRule,
    diag: &mut Diagnostics,
) {
    let linter = &content.linter;
    for (k, text) in rule.examples.flag.iter().enumerate() {
        if linter.findings_of(i, text).is_empty() {
            let path = format!("phrase_rules[{j}].examples.flag[{k}]");
            diag.push(
                Diagnostic::error(
                    "E055",
                    source.span(&path),
                    crate::tr!("ph.misses_flag", rule = rule.id),
                )
                .with_path(&path)
                .with_hint(Some(crate::tr!("ph.misses_flag_hint"))),
            );
        }
    }
    for (k, text) in rule.examples.pass.iter().enumerate() {
        if let Some(f) = linter.findings_of(i, text).first() {
            let path = format!("phrase_rules[{j}].examples.pass[{k}]");
            diag.push(
                Diagnostic::error(
                    "E056",
                    source.span(&path),
                    crate::tr!("ph.flags_pass", rule = rule.id, text = f.text),
                )
                .with_path(&path)
                .with_hint(Some(crate::tr!("ph.flags_pass_hint"))),
            );
        }
    }
}
