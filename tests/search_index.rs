//! `search-index.js` built from the fixture site: sections, text cleaning, Chinese
//! normalisation, synonyms, escaping, determinism and the size budget.

#[path = "search/fixture.rs"]
mod fixture;

use delaybook::config::Config;
use delaybook::search::{IndexData, index_data};
use serde_json::Value;

fn data() -> IndexData {
    index_data(
        &fixture::fixture_tree(),
        &fixture::fixture_content(),
        &Config::default(),
    )
}

fn page<'a>(d: &'a IndexData, url: &str) -> &'a delaybook::search::IndexedPage {
    d.pages.iter().find(|p| p.url == url).expect("page indexed")
}

/// Undoes the JavaScript string escaping of `search-index.js` and parses the JSON, the
/// way `JSON.parse('…')` sees it in a browser.
fn parse_js(bytes: &[u8]) -> Value {
    let js = std::str::from_utf8(bytes).expect("utf-8");
    let start = js.find("JSON.parse('").expect("JSON.parse call") + "JSON.parse('".len();
    let end = js.rfind("');").expect("end of call");
    let mut json = String::new();
    let mut chars = js[start..end].chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            assert_ne!(c, '\'', "unescaped quote ends the literal early");
            json.push(c);
            continue;
        }
        match chars.next().expect("escape") {
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex");
                json.push(char::from_u32(code).expect("char"));
            }
            'n' => json.push('\n'),
            'r' => json.push('\r'),
            other => json.push(other),
        }
    }
    serde_json::from_str(&json).expect("valid JSON inside the literal")
}

// Results link to `page.html#id`, so sections must follow the h2/h3 ids of the page.
#[test]
fn splits_pages_into_sections_at_heading_ids() {
    let d = data();
    let p = page(&d, "playbooks/wrong-tracking.html");
    let anchors: Vec<&str> = p.sections.iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["", "steps", "fix", "tell"]);
    assert_eq!(p.title.text, "快递单号填错");
    assert_eq!(p.sections[2].heading.text, "24 小时内更正单号");
    assert_eq!(p.kind, "playbook");
}

// Only text staff can read is indexed: no markup, no nav, no button labels, decoded entities.
#[test]
fn strips_html_and_decodes_entities() {
    let d = data();
    let p = page(&d, "playbooks/wrong-tracking.html");
    let tell = &p.sections[3].body.text;
    assert!(tell.contains("</script> 这样的内容"), "{tell}");
    let chase = page(&d, "playbooks/chase-before-promise.html");
    let all: String = chase.sections.iter().map(|s| s.body.text.clone()).collect();
    assert!(!all.contains("复制") && !all.contains("首页"), "{all}");
    assert!(all.contains("48小时"));
}

// Traditional text is stored Simplified, with the original kept for display.
#[test]
fn stores_traditional_text_in_simplified_form() {
    let d = data();
    let p = page(&d, "playbooks/supplier-not-shipped.html");
    assert_eq!(p.title.text, "供应商未发货");
    assert_eq!(
        p.title.restore,
        vec![(1, "應".to_string()), (4, "發貨".to_string())]
    );
    assert!(d.ts_pairs.contains("遲迟") && d.ts_pairs.contains("發发"));
}

// The synonyms authors maintain must reach the browser, longest variant first.
#[test]
fn ships_synonyms_longest_variant_first() {
    let d = data();
    assert_eq!(d.synonyms[0], ("快递单号错了".into(), "单号填错".into()));
    assert!(
        d.synonyms.contains(&("退费".into(), "退款".into())),
        "退費 normalised"
    );
    let v = parse_js(&fixture::fixture_index());
    assert_eq!(v["y"][0], serde_json::json!(["快递单号错了", "单号填错"]));
}

// Reports hold CSV data (order ids, SKUs): only their title may be searchable; the
// print handbook and `none` pages are skipped.
#[test]
fn indexes_reports_by_title_only_and_skips_handbook() {
    let d = data();
    let r = page(&d, "reports/2026-W47.html");
    assert_eq!(r.title.text, "周报 2026-w47");
    assert!(r.sections.iter().all(|s| s.body.text.is_empty()));
    assert!(d.pages.iter().all(|p| p.url != "handbook.html"));
}

// Content text such as `</script>` or quotes must not end the script or the literal.
#[test]
fn index_file_cannot_break_out_of_the_script() {
    let bytes = fixture::fixture_index();
    let js = String::from_utf8(bytes.clone()).expect("utf-8");
    let body = &js[js.find("JSON.parse(").expect("call")..];
    assert!(
        !body.contains('<') && !body.contains('>'),
        "raw angle bracket"
    );
    assert!(!body.contains('\u{2028}') && !body.contains('\u{2029}'));
    let v = parse_js(&bytes);
    assert_eq!(v["v"], 2);
    let text = v.to_string();
    assert!(text.contains("</script> 这样的内容"));
}

// Same inputs, same bytes: the output folder is compared byte for byte between builds.
#[test]
fn index_is_deterministic() {
    assert_eq!(fixture::fixture_index(), fixture::fixture_index());
}

// mdBook's index grew to 38 MB and crashed phones; keep ours near the size of the text
// (no second full-text copy) and under a fixed budget for the fixture.
#[test]
fn index_stays_within_size_budget() {
    let d = data();
    let text: usize = d
        .pages
        .iter()
        .map(|p| {
            p.title.text.len()
                + p.url.len()
                + p.sections
                    .iter()
                    .map(|s| s.heading.text.len() + s.body.text.len() + s.anchor.len())
                    .sum::<usize>()
        })
        .sum();
    let bytes = fixture::fixture_index().len();
    // The lookup tables do not grow with the text: conversion pairs, homophones and
    // the question words of the language.
    let tables = d.ts_pairs.len()
        + d.homophones.len()
        + d.query_words
            .fillers
            .iter()
            .map(|w| w.len() + 3)
            .sum::<usize>()
        + d.query_words
            .intents
            .iter()
            .flat_map(|i| &i.words)
            .map(|w| w.len() + 3)
            .sum::<usize>();
    assert!(
        bytes <= text * 13 / 10 + tables + 1024,
        "index {bytes} B for {text} B of text and {tables} B of tables"
    );
    assert!(
        bytes - tables <= 6 * 1024,
        "fixture index is {bytes} B with {tables} B of tables, budget 6 KiB besides them"
    );
    assert!(
        d.homophones.len() <= 16 * 1024,
        "homophone table {} B",
        d.homophones.len()
    );
}

// A template shown on a playbook and in the library is stored once; the library copy
// keeps its name and only the text the first copy lacks.
#[test]
fn stores_repeated_template_text_once() {
    let d = data();
    let find = |url: &str| {
        page(&d, url)
            .sections
            .iter()
            .find(|s| s.anchor == "tpl-stockout-refund")
            .expect("template card")
            .clone()
    };
    let first = find("playbooks/out-of-stock.html");
    let library = find("templates.html");
    assert!(first.body.text.contains("办理退款"));
    assert_eq!(library.heading.text, "缺货退款通知");
    assert_eq!(library.body.text, "用于流程：下单后发现缺货");
}
