//! The "check my reply" page, and what every page's reply checker needs from the
//! renderer: the compiled rules as `reply-rules.js` (loaded by `base.html` next to
//! `js/reply-check.js`, so `window.delaybookCheckReply` exists on every page) and the
//! category and severity labels in the site language.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{RenderError, Renderer, script_json};
use crate::lint::CompiledRule;
use crate::output::OutputTree;
use crate::playbooks::model::{PhraseAudience, PhraseCategory, PhraseSeverity};
use crate::validate::Content;

/// Where the compiled rules are written, relative to the site root.
pub const RULES_PATH: &str = "reply-rules.js";

/// Adds `reply-rules.js` and `check.html` to `tree`.
pub fn render(c: &Content, r: &Renderer, tree: &mut OutputTree) -> Result<(), RenderError> {
    tree.insert(RULES_PATH, crate::lint::emit::to_js(&c.linter));
    tree.insert("check.html", check_page(c, r)?);
    Ok(())
}

/// Labels the browser shows next to a finding, and how many categories a clean
/// result has been checked for.
#[derive(Debug, Serialize)]
pub struct ReplyLabels {
    /// Category key → label.
    pub categories: BTreeMap<&'static str, String>,
    /// `error`/`warning` → label.
    pub severities: BTreeMap<&'static str, String>,
    /// Labels of the categories checked in a message to a buyer, in page order.
    pub checked_buyer: Vec<String>,
    /// Labels of the categories checked in a message to a supplier.
    pub checked_supplier: Vec<String>,
}

/// The labels in the site language.
pub fn labels(c: &Content, r: &Renderer) -> ReplyLabels {
    let label = |cat: PhraseCategory| r.t(&format!("category_{}", cat.key())).to_string();
    let checked = |to: PhraseAudience| -> Vec<String> {
        c.linter.categories_for(to).into_iter().map(label).collect()
    };
    ReplyLabels {
        categories: PhraseCategory::CURRENT
            .into_iter()
            .map(|cat| (cat.key(), label(cat)))
            .collect(),
        severities: [
            ("error", r.t("check_severity_error").to_string()),
            ("warning", r.t("check_severity_warning").to_string()),
        ]
        .into_iter()
        .collect(),
        checked_buyer: checked(PhraseAudience::Buyer),
        checked_supplier: checked(PhraseAudience::Supplier),
    }
}

/// One rule on the page: the compiled rule (effective severity) and its examples.
#[derive(Debug, Serialize)]
struct RuleView<'a> {
    id: &'a str,
    severity: &'static str,
    severity_label: &'a str,
    reason: &'a str,
    better: &'a str,
    flag: &'a [String],
    pass: &'a [String],
}

/// The rules of one category.
#[derive(Debug, Serialize)]
struct CategoryView<'a> {
    key: &'static str,
    label: String,
    rules: Vec<RuleView<'a>>,
}

fn severity_key(s: PhraseSeverity) -> &'static str {
    match s {
        PhraseSeverity::Error => "error",
        PhraseSeverity::Warning => "warning",
    }
}

fn rule_view<'a>(
    rule: &'a CompiledRule,
    c: &'a Content,
    i: usize,
    r: &'a Renderer,
) -> RuleView<'a> {
    let examples = c.phrase_rules.get(i).map(|x| &x.examples);
    let severity = severity_key(rule.severity);
    RuleView {
        id: &rule.id,
        severity,
        severity_label: r.t(if severity == "error" {
            "check_severity_error"
        } else {
            "check_severity_warning"
        }),
        reason: &rule.reason,
        better: &rule.better,
        flag: examples.map_or(&[][..], |e| &e.flag[..]),
        pass: examples.map_or(&[][..], |e| &e.pass[..]),
    }
}

fn check_page(c: &Content, r: &Renderer) -> Result<String, RenderError> {
    let rules = c.linter.rules();
    let groups: Vec<CategoryView<'_>> = c
        .linter
        .categories()
        .into_iter()
        .map(|cat| CategoryView {
            key: cat.key(),
            label: r.t(&format!("category_{}", cat.key())).to_string(),
            rules: rules
                .iter()
                .enumerate()
                .filter(|(_, x)| x.category == cat)
                .map(|(i, x)| rule_view(x, c, i, r))
                .collect(),
        })
        .collect();
    let labels = labels(c, r);
    let mut ctx = r.page_context("check.html");
    ctx.insert(
        "crumbs",
        &super::nav::crumbs(r, &[(r.t("check_title"), None)]),
    );
    ctx.insert("groups", &groups);
    ctx.insert("ok_message", r.t("check_ok"));
    ctx.insert("labels_json", &script_json(&labels));
    r.render("check.html", &ctx)
}
