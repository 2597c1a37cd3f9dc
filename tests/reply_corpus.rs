//! The labelled reply corpus (`tests/replies/`) run through the sample's phrase rules:
//! at least 90 % of the bad replies must be flagged and at most 5 % of the hard good
//! ones. The same bar holds on `tuning.yaml` (replies written after the first rules and
//! used to broaden them), so a later edit of the rules cannot quietly undo that work.
//! `scripts/reply-corpus.sh` prints the full figures and every miss.

use std::collections::BTreeMap;
use std::path::Path;

use delaybook::diag::Diagnostics;
use delaybook::lint::{Finding, Linter};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Corpus {
    replies: Vec<Reply>,
}

#[derive(Debug, Deserialize)]
#[allow(
    dead_code,
    reason = "label and batch are part of the format; only printed"
)]
struct Reply {
    id: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    batch: Option<u32>,
    channel: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    text: String,
}

/// Levels the held-out sets must keep (see tests/replies/README.md): A and B (both
/// used for tuning by now) just under what the third round reached (A 140/142, 1/81;
/// B 123/130, 0/70), C at the level after the fifth round (60/63, 0/54; measured
/// once after the third at 54/63, 4/54), each with a margin of about one reply.
const MIN_A_RECALL: f64 = 0.97;
const MAX_A_FP: f64 = 0.025;
const MIN_B_RECALL: f64 = 0.93;
const MAX_B_FP: f64 = 0.015;
const MIN_C_RECALL: f64 = 0.93;
const MAX_C_FP: f64 = 0.02;
/// Set D, written blind before the fourth round and measured once after it (79/116
/// caught, 5/80 good flagged), then used to tune the fifth: held at 115/116, 2/80 with
/// a margin of about one reply.
const MIN_D_RECALL: f64 = 0.98;
const MAX_D_FP: f64 = 0.038;
/// Set E, written blind before the fifth round and measured once after it: 98/128
/// caught, 5/86 good flagged (before the round: 92/128, 4/86).
const MIN_E_RECALL: f64 = 0.75;
const MAX_E_FP: f64 = 0.07;

fn corpus(name: &str) -> Vec<Reply> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/replies")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let c: Corpus = serde_saphyr::from_str(&text).expect("corpus parses");
    c.replies
}

/// The sample project's rules, compiled.
fn sample_linter() -> Linter {
    let mut diag = Diagnostics::new();
    let project =
        delaybook::pipeline::load_project(Path::new(env!("CARGO_MANIFEST_DIR")), &mut diag);
    assert_eq!(diag.error_count(), 0, "the sample has errors");
    project.content.linter
}

struct Figures {
    bad_total: usize,
    bad_caught: usize,
    good_total: usize,
    good_flagged: usize,
    report: String,
}

fn show(f: &[Finding]) -> String {
    f.iter()
        .map(|x| format!("{}「{}」", x.rule, x.text))
        .collect::<Vec<_>>()
        .join(" ")
}

fn figures(linter: &Linter, bad: Vec<Reply>, good: Vec<Reply>) -> Figures {
    let mut report = String::new();
    let bad_caught = recall_report(linter, &bad, &mut report);
    let good_flagged = false_positive_report(linter, &good, &mut report);
    Figures {
        bad_total: bad.len(),
        bad_caught,
        good_total: good.len(),
        good_flagged,
        report,
    }
}

/// Bad replies flagged, per category, with every miss; returns how many were flagged.
fn recall_report(linter: &Linter, bad: &[Reply], report: &mut String) -> usize {
    let mut by_cat: BTreeMap<String, (usize, usize, usize, Vec<String>)> = BTreeMap::new();
    let mut caught = 0;
    for r in bad {
        let cat = r.category.clone().unwrap_or_default();
        let found = linter.check(&r.text);
        let e = by_cat.entry(cat.clone()).or_default();
        e.0 += 1;
        if found.is_empty() {
            e.3.push(format!("{} [{}] {}", r.id, r.channel, r.text));
        } else {
            caught += 1;
            e.1 += 1;
            e.2 += usize::from(found.iter().any(|f| f.category.key() == cat));
        }
    }
    report.push_str(&format!(
        "bad replies flagged (recall): {caught}/{} = {:.1} %\n",
        bad.len(),
        100.0 * caught as f64 / bad.len() as f64
    ));
    report.push_str("  category                      flagged  in its own category\n");
    for (cat, (total, hit, own, misses)) in &by_cat {
        report.push_str(&format!(
            "  {cat:<28} {hit:>3}/{total:<3}  {own:>3}/{total}\n"
        ));
        for m in misses {
            report.push_str(&format!("      missed: {m}\n"));
        }
    }
    caught
}

/// Good replies flagged, per kind, with the findings; returns how many were flagged.
fn false_positive_report(linter: &Linter, good: &[Reply], report: &mut String) -> usize {
    let mut flagged = 0;
    let mut by_kind: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    for r in good {
        let found = linter.check(&r.text);
        let e = by_kind
            .entry(r.kind.clone().unwrap_or_default())
            .or_default();
        e.0 += 1;
        if !found.is_empty() {
            flagged += 1;
            e.1.push(format!("{} {} → {}", r.id, r.text, show(&found)));
        }
    }
    report.push_str(&format!(
        "good replies flagged (false positives): {flagged}/{} = {:.1} %\n",
        good.len(),
        100.0 * flagged as f64 / good.len() as f64
    ));
    for (kind, (total, fps)) in &by_kind {
        report.push_str(&format!("  {kind:<20} {}/{total}\n", fps.len()));
        for f in fps {
            report.push_str(&format!("      flagged: {f}\n"));
        }
    }
    flagged
}

fn assert_bar(name: &str, f: &Figures) {
    if std::env::var_os("REPLY_CORPUS_REPORT").is_some() {
        println!("== {name}\n{}", f.report);
    }
    assert!(
        f.bad_total >= 90 && f.good_total >= 29,
        "{name}: corpus too small"
    );
    let recall = f.bad_caught as f64 / f.bad_total as f64;
    let fp = f.good_flagged as f64 / f.good_total as f64;
    assert!(
        recall >= 0.9,
        "{name}: recall {recall:.3} < 0.9\n{}",
        f.report
    );
    assert!(
        fp <= 0.05,
        "{name}: false-positive rate {fp:.3} > 0.05\n{}",
        f.report
    );
}

// The promise of "check my reply": it catches nine in ten bad replies and flags at
// most one in twenty hard good ones. Below that a team lead cannot trust it.
#[test]
fn corpus_recall_and_false_positives_meet_the_bar() {
    let f = figures(&sample_linter(), corpus("bad.yaml"), corpus("good.yaml"));
    assert_bar("corpus (bad.yaml, good.yaml)", &f);
}

// The replies the rules were broadened with stay caught (a regression guard, not a
// measure of unseen replies).
#[test]
fn tuning_replies_stay_caught() {
    let (bad, good): (Vec<Reply>, Vec<Reply>) = corpus("tuning.yaml")
        .into_iter()
        .partition(|r| r.label.as_deref() == Some("bad"));
    let linter = sample_linter();
    if std::env::var_os("REPLY_CORPUS_REPORT").is_some() {
        print_newest_batch(&linter, &bad, &good);
    }
    let f = figures(&linter, bad, good);
    assert_bar("tuning.yaml", &f);
}

/// Prints the figures of the newest tuning batch on its own (measured before it is
/// used to tune the rules, see tests/replies/README.md), with its misses.
fn print_newest_batch(linter: &Linter, bad: &[Reply], good: &[Reply]) {
    let Some(newest) = bad.iter().chain(good).filter_map(|r| r.batch).max() else {
        return;
    };
    let of_batch = |rs: &[Reply]| -> Vec<Reply> {
        rs.iter()
            .filter(|r| r.batch == Some(newest))
            .map(|r| Reply {
                id: r.id.clone(),
                label: r.label.clone(),
                batch: r.batch,
                channel: r.channel.clone(),
                category: r.category.clone(),
                kind: r.kind.clone(),
                text: r.text.clone(),
            })
            .collect()
    };
    let f = figures(linter, of_batch(bad), of_batch(good));
    println!(
        "== tuning.yaml, newest batch ({newest}) alone\n{}",
        f.report
    );
}

fn labelled(name: &str) -> (Vec<Reply>, Vec<Reply>) {
    corpus(name)
        .into_iter()
        .partition(|r| r.label.as_deref() == Some("bad"))
}

/// Fails when recall falls below `min_recall` or the false-positive rate rises above
/// `max_fp` (both fractions).
fn assert_level(name: &str, f: &Figures, min_recall: f64, max_fp: f64) {
    if std::env::var_os("REPLY_CORPUS_REPORT").is_some() {
        println!("== {name}\n{}", f.report);
    }
    let recall = f.bad_caught as f64 / f.bad_total as f64;
    let fp = f.good_flagged as f64 / f.good_total as f64;
    assert!(
        recall >= min_recall,
        "{name}: recall {recall:.3} < {min_recall}\n{}",
        f.report
    );
    assert!(
        fp <= max_fp,
        "{name}: false-positive rate {fp:.3} > {max_fp}\n{}",
        f.report
    );
}

/// Checks labelled set `file` (called `name` in messages) against its level.
fn check_set(file: &str, name: &str, min_recall: f64, max_fp: f64) {
    let (bad, good) = labelled(file);
    let f = figures(&sample_linter(), bad, good);
    assert_level(&format!("{file} ({name})"), &f, min_recall, max_fp);
}

// Set A (heldout-a.yaml) was written before tuning and then used to tune the rules:
// this guards the level reached on it.
#[test]
fn set_a_stays_at_its_tuned_level() {
    check_set("heldout-a.yaml", "tuning set A", MIN_A_RECALL, MAX_A_FP);
}

// Set B (heldout-b.yaml) was held out in the second round and used for tuning in the
// third: like A, this guards the level reached on it.
#[test]
fn set_b_stays_at_its_measured_level() {
    check_set("heldout-b.yaml", "held-out set B", MIN_B_RECALL, MAX_B_FP);
}

// Set C (heldout-c.yaml) was written and committed before the third round of rule
// changes and measured once, after it: its figures are now the estimate for unseen
// replies (see tests/replies/README.md). The test holds the rules at that level.
#[test]
fn set_c_stays_at_its_measured_level() {
    check_set("heldout-c.yaml", "held-out set C", MIN_C_RECALL, MAX_C_FP);
}

// Set D (heldout-d.yaml) was written blind before the fourth round of rule changes,
// measured once after it, and used to tune the fifth; this guards its level.
#[test]
fn set_d_stays_at_its_measured_level() {
    check_set("heldout-d.yaml", "held-out set D", MIN_D_RECALL, MAX_D_FP);
}

// Set E (heldout-e.yaml) was written blind before the fifth round of rule changes and
// measured once after it; this guards that level.
#[test]
fn set_e_stays_at_its_measured_level() {
    check_set("heldout-e.yaml", "held-out set E", MIN_E_RECALL, MAX_E_FP);
}

// The corpus spreads over every category and every channel, as the issue asks.
#[test]
fn corpus_covers_every_category_and_channel() {
    let bad = corpus("bad.yaml");
    for cat in delaybook::playbooks::model::PhraseCategory::CURRENT {
        let n = bad
            .iter()
            .filter(|r| r.category.as_deref() == Some(cat.key()))
            .count();
        assert!(n >= 5, "only {n} bad replies for {}", cat.key());
    }
    for ch in ["chat", "phone", "sms", "supplier"] {
        assert!(bad.iter().any(|r| r.channel == ch), "no bad {ch} reply");
        assert!(
            corpus("good.yaml").iter().any(|r| r.channel == ch),
            "no good {ch} reply"
        );
    }
}

// The sample rules test themselves: at least three replies to flag and three to let
// pass each, with a negation among the pass ones, and every category has a rule.
#[test]
fn sample_rules_carry_enough_examples() {
    let mut diag = Diagnostics::new();
    let project =
        delaybook::pipeline::load_project(Path::new(env!("CARGO_MANIFEST_DIR")), &mut diag);
    let negators = ['不', '没', '别', '无', '未', '禁', '拒', '婉'];
    for r in &project.content.phrase_rules {
        assert!(
            r.examples.flag.len() >= 3,
            "{}: fewer than 3 flag examples",
            r.id
        );
        assert!(
            r.examples.pass.len() >= 3,
            "{}: fewer than 3 pass examples",
            r.id
        );
        assert!(
            r.examples.pass.iter().any(|p| p.contains(negators)),
            "{}: no negation among the pass examples",
            r.id
        );
    }
    let covered = project.content.linter.categories();
    assert_eq!(
        covered.len(),
        delaybook::playbooks::model::PhraseCategory::CURRENT.len()
    );
}
