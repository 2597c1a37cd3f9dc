//! The sample as training material: the quiz is shuffled the same way on every build and
//! spreads its answers, every playbook has a question and there are scenario questions,
//! trainees never see internal ids, and a platform rule changed in one place changes
//! every page, template and report figure that quotes it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use delaybook::diag::Diagnostics;
use delaybook::playbooks::model::QuizKind;

/// A copy of the bundled sample (config and playbooks) in a temp folder.
fn sample_project(with_data: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("delaybook.yaml"),
        dir.path().join("delaybook.yaml"),
    )
    .expect("config");
    common::copy_dir(&repo.join("playbooks"), &dir.path().join("playbooks"));
    if with_data {
        common::copy_dir(&repo.join("data"), &dir.path().join("data"));
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("delaybook")
        .expect("binary")
        .arg("-C")
        .arg(dir)
        .args(["--lang", "en"])
        .args(["--color", "never"])
        .args(args)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    stderr
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `data-answer` position of every question on quiz.html, in page order.
fn answer_positions(quiz_html: &str) -> Vec<(String, usize)> {
    quiz_html
        .split("aria-labelledby=\"question-")
        .skip(1)
        .map(|rest| {
            let id = rest.split('"').next().unwrap_or("").to_string();
            let pos = rest
                .split("data-answer=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .expect("data-answer");
            (id, pos)
        })
        .collect()
}

// The sample passes `check` without a single warning: it is the example users copy.
#[test]
fn sample_checks_clean() {
    let dir = sample_project(false);
    let stderr = run(dir.path(), &["check", "--no-data", "--today", "2026-11-30"]);
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");
}

// Same content, same shuffle on every build; the right answers, stored first in most
// questions, are spread over the positions (none above 40 %), and the handbook letters
// agree with the site.
#[test]
fn quiz_shuffle_is_deterministic_and_spreads_answers() {
    let dir = sample_project(false);
    run(dir.path(), &["--out", "one", "build"]);
    run(dir.path(), &["--out", "two", "build"]);
    let quiz = read(dir.path(), "one/quiz.html");
    assert_eq!(quiz, read(dir.path(), "two/quiz.html"));
    assert_eq!(
        read(dir.path(), "one/handbook.html"),
        read(dir.path(), "two/handbook.html")
    );

    let shown = answer_positions(&quiz);
    let mut diag = Diagnostics::new();
    let content = delaybook::pipeline::load_project(dir.path(), &mut diag).content;
    assert_eq!(shown.len(), content.quiz.len());
    let stored_first = content
        .quiz
        .iter()
        .filter(|q| q.choices.first() == Some(&q.answer))
        .count();
    assert!(stored_first * 2 > content.quiz.len(), "test premise");
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for (_, p) in &shown {
        *counts.entry(*p).or_default() += 1;
    }
    for (p, n) in &counts {
        assert!(
            n * 100 <= shown.len() * 40,
            "position {p} holds {n} of {} answers: {counts:?}",
            shown.len()
        );
    }
    assert_eq!(counts.len(), 4, "{counts:?}");

    // The handbook's answer key (numbered in the self-test's own order) gives the
    // same letter as the site for every question.
    let handbook = read(dir.path(), "one/handbook.html");
    for (id, p) in &shown {
        let letter = char::from(b'A' + *p as u8);
        let key = format!("data-question=\"{id}\">");
        let at = handbook
            .find(&key)
            .unwrap_or_else(|| panic!("{id}: not in the handbook's answer key"));
        let entry = &handbook[at + key.len()..];
        let shown_letter = entry.split(". ").nth(1).and_then(|s| s.chars().next());
        assert_eq!(
            shown_letter,
            Some(letter),
            "{id}: handbook answer {entry:.40}"
        );
    }
}

// At least one question per playbook and at least eight "which playbook applies?".
#[test]
fn every_playbook_is_tested_and_scenarios_exist() {
    let dir = sample_project(false);
    let mut diag = Diagnostics::new();
    let content = delaybook::pipeline::load_project(dir.path(), &mut diag).content;
    for p in &content.playbooks {
        assert!(
            !content.quiz_for_playbook(&p.id).is_empty(),
            "no question about {}",
            p.id
        );
    }
    let scenarios = content
        .quiz
        .iter()
        .filter(|q| q.kind == QuizKind::Scenario)
        .count();
    assert!(scenarios >= 8, "{scenarios} scenario questions");
    for id in [
        "complaint-platform-intervention",
        "wrong-or-missing-item",
        "compensation-authority",
        "bad-review-after-delay",
    ] {
        let p = content
            .playbook(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(!p.anti_examples.is_empty() && !p.owner.is_empty(), "{id}");
        assert!(
            p.steps
                .iter()
                .all(|s| s.deadline.is_some() && s.owner.is_some()),
            "{id}: every step needs a deadline and an owner"
        );
        assert!(
            delaybook::validate::template_ids(p).next().is_some(),
            "{id}"
        );
    }
}

/// The visible text of `<main>` (tags and script islands removed).
fn main_text(html: &str) -> String {
    let main = html
        .split("<main")
        .nth(1)
        .and_then(|s| s.split("</main>").next())
        .unwrap_or(html);
    let main: String = main
        .split("<script")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once("</script>").map_or("", |(_, rest)| rest)
            }
        })
        .collect();
    let mut out = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

// Trainees read titles, never ids: no playbook, template, checklist or cause id and no
// CSV column name shows in the text of a playbook page, the quiz or the handbook.
#[test]
fn pages_show_titles_not_ids() {
    let dir = sample_project(false);
    run(dir.path(), &["--out", "out", "build"]);
    let mut diag = Diagnostics::new();
    let c = delaybook::pipeline::load_project(dir.path(), &mut diag).content;
    let mut ids: Vec<&str> = vec!["notified_at", "detected_at", "delay_cause"];
    ids.extend(c.playbooks.iter().map(|x| x.id.as_str()));
    ids.extend(c.templates.iter().map(|x| x.id.as_str()));
    ids.extend(c.checklists.iter().map(|x| x.id.as_str()));
    ids.extend(c.causes.iter().map(|x| x.id.as_str()));
    let mut pages: Vec<String> = c
        .playbooks
        .iter()
        .map(|p| format!("out/playbooks/{}.html", p.id))
        .collect();
    pages.extend(["out/quiz.html".into(), "out/handbook.html".into()]);
    for page in pages {
        let text = main_text(&read(dir.path(), &page));
        assert!(!text.contains("{{rule:"), "{page} shows an unrendered rule");
        // Placeholders of the template previews (`{{stockout_date}}`) are filled by the
        // form; they are not ids.
        let text: String = text
            .split("{{")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once("}}").map_or(part, |(_, r)| r)
                }
            })
            .collect();
        for id in &ids {
            assert!(!text.contains(id), "{page} shows the id `{id}`");
        }
        assert!(!text.contains("[["), "{page} shows an unrendered reference");
    }
}

const ORDERS: &str = "order_id,sku,quantity,platform,ordered_at,promised_ship_by,shipped_at,status,delay_cause,detected_at,notified_at,resolution,amount
TB-1,SKU-1,1,taobao,2026-11-17 10:00,,,refunded,stockout,,,refund,100.00
TB-2,SKU-1,1,taobao,2026-11-17 10:00,,,refunded,stockout,,,refund,1000.00
TB-3,SKU-1,1,taobao,2026-11-17 10:00,,2026-11-18 16:00,shipped,,,,,59.00
TB-4,SKU-1,1,taobao,2026-11-23 08:00,,2026-11-23 09:00,shipped,,,,,59.00
";
const STOCK: &str = "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\nSKU-1,亚麻衬衫,50,0,,7,晨光服饰\n";

/// Builds the project into `out` and returns (stock-out page, templates page, handbook,
/// rules page, buyer-chases page, report.json).
fn build_pages(dir: &Path, out: &str) -> [String; 6] {
    run(dir, &["--out", out, "build"]);
    [
        "playbooks/out-of-stock-after-order.html",
        "templates.html",
        "handbook.html",
        "rules.html",
        "playbooks/buyer-chases-before-deadline.html",
        "reports/2026-W47/report.json",
    ]
    .map(|p| read(dir, &format!("{out}/{p}")))
}

/// Sets Taobao's compensation to 8 % capped at 25 元 and its promise to 24 hours.
fn change_taobao_rules(dir: &Path) {
    let rules = dir.join("playbooks/platform-rules.yaml");
    let text = std::fs::read_to_string(&rules).expect("rules");
    let changed = text
        .replacen(
            "value: 5\n        unit: percent",
            "value: 8\n        unit: percent",
            1,
        )
        .replacen(
            "value: 30\n        unit: yuan",
            "value: 25\n        unit: yuan",
            1,
        )
        .replacen(
            "value: 48\n        unit: hours",
            "value: 24\n        unit: hours",
            1,
        );
    assert_ne!(changed, text);
    std::fs::write(&rules, changed).expect("write rules");
}

fn compensation(report_json: &str) -> f64 {
    let v: serde_json::Value = serde_json::from_str(report_json).expect("json");
    v["compensation_estimate"].as_f64().expect("compensation")
}

fn shipped_late(report_json: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(report_json).expect("json");
    v["totals"]["shipped_late"].as_u64().expect("shipped_late")
}

// One edit in platform-rules.yaml reaches every page, every template and the report.
// Report figures by hand: two failed Taobao lines of 100 and 1000 元 owe
// min(5 % × 100, 30) + min(5 % × 1000, 30) = 5 + 30 = 35 元; with 8 % capped at 25 元
// they owe 8 + 25 = 33 元. TB-3 shipped 30 h after payment: on time with a 48 h promise,
// late with 24 h.
#[test]
fn a_rule_changed_once_changes_pages_templates_and_report() {
    let dir = sample_project(false);
    std::fs::create_dir_all(dir.path().join("data")).expect("data");
    std::fs::write(dir.path().join("data/orders.csv"), ORDERS).expect("orders");
    std::fs::write(dir.path().join("data/stock.csv"), STOCK).expect("stock");
    let [oos, templates, handbook, rules_page, chase, report] = build_pages(dir.path(), "before");
    for html in [&oos, &handbook, &rules_page] {
        assert!(html.contains(">5%</span>") && html.contains("30元"));
    }
    assert!(templates.contains("实付金额5%的赔付，最高30元"));
    assert!(chase.contains("淘宝 48小时"));
    assert!((compensation(&report) - 35.0).abs() < 1e-9);
    assert_eq!(shipped_late(&report), 0);

    change_taobao_rules(dir.path());
    let [oos, templates, handbook, rules_page, chase, report] = build_pages(dir.path(), "after");
    assert!(oos.contains("<span class=\"rule\" title=\"淘宝·缺货/延迟发货赔付比例\">8%</span>"));
    assert!(oos.contains("<span class=\"rule\" title=\"淘宝·缺货/延迟发货赔付上限\">25元</span>"));
    assert!(!oos.contains(">5%</span>") && !oos.contains(">30元</span>"));
    assert!(oos.contains("以商家后台最新规则为准，最后核对：2026-11-16"));
    let card = templates
        .split("data-tpl=\"oos-compensation-taobao\"")
        .nth(1)
        .and_then(|t| t.split("data-preview").nth(1))
        .expect("template preview");
    assert!(card.contains("实付金额8%的赔付，最高25元"), "{card}");
    assert!(
        !templates.contains("实付金额5%"),
        "fill-form data still old"
    );
    assert!(handbook.contains("实付金额8%的赔付，最高25元") && !handbook.contains("实付金额5%"));
    assert!(rules_page.contains(">8%</span>") && rules_page.contains(">25元</span>"));
    assert!(chase.contains("淘宝 24小时") && !chase.contains("淘宝 48小时"));
    assert!((compensation(&report) - 33.0).abs() < 1e-9);
    assert_eq!(shipped_late(&report), 1);
    let page = read(dir.path(), "after/reports/2026-W47/index.html");
    assert!(
        page.contains("33.00") && page.contains("以商家后台最新规则为准，最后核对：2026-11-16"),
        "the report's compensation figure carries the rule note"
    );
}

// delaybook.yaml still overrides the rule file for the report.
#[test]
fn config_overrides_rule_data_for_the_report() {
    let dir = sample_project(false);
    std::fs::create_dir_all(dir.path().join("data")).expect("data");
    std::fs::write(dir.path().join("data/orders.csv"), ORDERS).expect("orders");
    std::fs::write(dir.path().join("data/stock.csv"), STOCK).expect("stock");
    let config = read(dir.path(), "delaybook.yaml").replace(
        "  taobao:\n    name: 淘宝\n",
        "  taobao:\n    name: 淘宝\n    promise_hours: 24\n    compensation:\n      rate: 0.1\n      cap: 20\n",
    );
    std::fs::write(dir.path().join("delaybook.yaml"), config).expect("config");
    let [_, _, _, _, _, json] = build_pages(dir.path(), "out");
    // min(10 % × 100, 20) + min(10 % × 1000, 20) = 10 + 20.
    assert!((compensation(&json) - 30.0).abs() < 1e-9);
    assert_eq!(shipped_late(&json), 1);
}
