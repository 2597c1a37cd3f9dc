//! The files a report writes: determinism, spreadsheet safety, privacy, the reports
//! index, languages, and that `report` leaves the rest of the output folder alone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

// Same inputs and flags → byte-identical outputs (no wall clock, no hash order).
#[test]
fn same_inputs_give_identical_bytes() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47", "--out", "a"]);
    run(dir.path(), &["report", "--week", "2026-W47", "--out", "b"]);
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert!(a.contains_key("reports/2026-W47/index.html"));
    assert!(a.contains_key("reports/2026-W47/report.md"));
    assert_eq!(a, b);
}

// A formula in a product name arrives in actions.csv as text, not as a formula.
#[test]
fn actions_csv_neutralises_formulas() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let csv =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/actions.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(",=HYPERLINK("));
    // Only rows with an action other than ok: A, B, C, D, H, E, G.
    assert_eq!(csv.lines().count(), 1 + 7);
    // Chinese site: Chinese header and action names, ISO dates for the spreadsheet.
    assert!(
        csv.starts_with("\u{feff}商品编码,商品名称,供应商,行动,"),
        "{csv}"
    );
    assert!(
        csv.contains(",改预售,") && csv.contains("2026-11-28"),
        "{csv}"
    );
    assert!(!csv.contains("presale"), "{csv}");
}

// Buyer names, phones and addresses in the export never reach any output file.
#[test]
fn buyer_contact_details_never_reach_outputs() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let out = files(&dir.path().join("public"));
    assert!(out.len() > 4);
    for (path, bytes) in out {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "13800138000",
            "北京市朝阳区",
            "张三",
            "buyer_phone",
            "收货地址",
        ] {
            assert!(!text.contains(secret), "{secret} in {path}");
        }
    }
}

// `report` adds its week and keeps other weeks and non-report files of the output.
#[test]
fn reports_index_lists_every_week_and_other_files_survive() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W46"]);
    std::fs::write(dir.path().join("public/notes.txt"), "mine").unwrap();
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.path().join("public");
    assert_eq!(
        std::fs::read_to_string(public.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(public.join("reports/2026-W46/report.json").is_file());
    let index = std::fs::read_to_string(public.join("reports/index.html")).unwrap();
    assert!(index.contains("2026-W46/index.html") && index.contains("2026-W47/index.html"));
    assert!(public.join("css/report.css").is_file());
}

// The page links at-risk lines to their playbook, or to triage when there is no cause,
// and renders the charts as inline SVG.
#[test]
fn page_links_playbooks_and_has_charts() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let html =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/index.html")).unwrap();
    assert!(html.contains("href=\"../../playbooks/oos.html\""));
    // The metrics project has no triage helper: triage links go to the home page.
    assert!(
        html.contains("href=\"../../index.html\">先判断情况"),
        "{html}"
    );
    assert!(!html.contains("index.html#triage"));
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(html.contains("发货延迟周报"));
    assert!(!html.contains("<script>alert"));
}

// `site.language: en` gives an English page and Markdown.
#[test]
fn english_when_configured() {
    let dir = project("metrics");
    let cfg = std::fs::read_to_string(dir.path().join("delaybook.yaml")).unwrap();
    write(
        dir.path(),
        "delaybook.yaml",
        format!("{cfg}site:\n  language: en\n"),
    );
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let html =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/index.html")).unwrap();
    assert!(html.contains("Weekly delay report"));
    let md = std::fs::read_to_string(dir.path().join("public/reports/2026-W47/report.md")).unwrap();
    assert!(
        md.starts_with("# Weekly delay report · Week 47 of 2026 (16 Nov – 22 Nov)"),
        "{md}"
    );
    assert!(md.contains("| Late rate | 87.5% |"), "{md}");
    // actions.csv follows the language too: English header and action names.
    let csv =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/actions.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}SKU,Name,Supplier,Action,"),
        "{csv}"
    );
    assert!(csv.contains(",Presale,"), "{csv}");
}

// `check` ingests the data and ends with the data summary.
#[test]
fn check_summarises_the_data() {
    let dir = project("metrics");
    let out = run(dir.path(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("orders: 19 lines read, 17 used, 2 skipped; stock: 8 SKUs"),
        "{err}"
    );
}

// `build` adds the default week's report: the latest order is on Sunday 2026-11-22,
// so the week it ends, 2026-W47 (report-metrics.md §2), and it says why.
#[test]
fn build_includes_the_default_week_report() {
    let dir = project("metrics");
    let out = run(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "week 2026-W47 (2026-11-16 – 2026-11-22): the latest order is on 2026-11-22 (Sunday)"
        ),
        "{}",
        stderr(&out)
    );
    let public = dir.path().join("public");
    assert!(public.join("reports/2026-W47/report.json").is_file());
    assert!(public.join("reports/index.html").is_file());
}

// A project without order data builds without a report and without complaint.
#[test]
fn build_without_data_has_no_report() {
    let dir = project("base");
    let out = run(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join("public/reports").exists());
    let check = run(dir.path(), &["check"]);
    assert!(!stderr(&check).contains("orders:"), "{}", stderr(&check));
}

/// Adds rows with unknown causes and platforms, SKUs missing from stock.csv and bad
/// timestamps all over an export, and pairs repeated far apart at its end.
fn spread_problems(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = Vec::new();
    let mut plain = Vec::new();
    for (i, line) in text.lines().enumerate() {
        lines.push(line.to_string());
        if i == 0 || line.contains('"') {
            continue;
        }
        plain.push(line.to_string());
        if i % 499 == 0 {
            let k = i % 13;
            let missing = format!("NOPE-{}", i % 4);
            let platform = format!("platform{}", i % 6);
            for row in [
                format!(
                    "X{i},{missing},1,douyin,2026-11-17 10:00,2026-11-19 10:00,,open,cause{k},,,,10.00"
                ),
                format!(
                    "Y{i},SP00001-WH,1,{platform},2026-11-17 11:00,2026-11-19 11:00,,open,,,,,1.00"
                ),
                format!("Z{i},SP00001-WH,1,douyin,not a date,,,shipped,,,,,1.00"),
            ] {
                lines.push(row);
            }
        }
    }
    // Pairs repeated far apart, so their rows meet on different workers.
    lines.extend(plain.iter().step_by(997).cloned());
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    assert!(text.len() > 3 << 20, "several chunks");
}

/// Runs `report` on `dir` with `threads` worker threads into `out`.
fn report_with_threads(dir: &Path, threads: &str, out: &str) -> std::process::Output {
    assert_cmd::Command::cargo_bin("delaybook")
        .unwrap()
        .env("DELAYBOOK_THREADS", threads)
        .args(["-C"])
        .arg(dir)
        .args(["--color", "never", "-q", "report", "--out", out])
        .output()
        .unwrap()
}

// The number of threads changes the time, never a byte of the outputs: an export of
// several chunks, with problems, unknown values and repeated pairs spread over the
// chunks (what is merged in file order: problems, unknown values, first locations; and
// the held duplicates of different workers), read with 1, 2 and 3 workers.
#[test]
fn thread_count_does_not_change_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let new = run(root, &["new", "shop", "-q"]);
    assert!(new.status.success(), "{}", stderr(&new));
    let shop = root.join("shop");
    let sample = run(
        &shop,
        &[
            "-q",
            "sample-data",
            "--style",
            "independent",
            "--orders",
            "30000",
            "--seed",
            "3",
        ],
    );
    assert!(sample.status.success(), "{}", stderr(&sample));
    spread_problems(&shop.join("data/orders.csv"));

    let mut outputs = Vec::new();
    for threads in ["1", "2", "3"] {
        let out = format!("out{threads}");
        let result = report_with_threads(&shop, threads, &out);
        assert!(result.status.success(), "{}", stderr(&result));
        outputs.push((threads, files(&shop.join(&out)), result.stderr));
    }
    let (_, first, first_err) = &outputs[0];
    let json = first
        .iter()
        .find(|(k, _)| k.ends_with("report.json"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .unwrap();
    for needle in [
        "cause0",
        "platform1",
        "NOPE-1",
        // The data-quality messages follow site.language (zh-CN here).
        "出现了 2 次",
        "not a date",
    ] {
        assert!(json.contains(needle), "report.json lists {needle}");
    }
    for (threads, files, err) in &outputs[1..] {
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            first.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in files {
            assert!(
                bytes == &first[name],
                "{name} differs with {threads} threads"
            );
        }
        assert_eq!(err, first_err, "terminal output with {threads} threads");
    }
}

// qa1 item 10: SKUs a spreadsheet would change (leading zeros, 19 digits) are written
// as `="…"` text cells in actions.csv; the page and report.json keep them as they are.
#[test]
fn actions_csv_keeps_numeric_looking_skus_as_text() {
    let dir = project("base");
    write(
        dir.path(),
        "data/orders.csv",
        format!(
            "{HEADER}o1,0012345,1,,2026-11-16 10:00,,,待发货,,,,,1\n\
             o2,3611111111111000067,1,,2026-11-16 10:00,,,待发货,,,,,1\n"
        ),
    );
    write(
        dir.path(),
        "data/stock.csv",
        "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\n\
         0012345,甲,0,0,,7,甲厂\n3611111111111000067,乙,0,0,,7,甲厂\n",
    );
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["stock"][0]["sku"], "0012345");
    let csv =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/actions.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let skus: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(skus, ["=\"0012345\"", "=\"3611111111111000067\""], "{csv}");
}

// qa1 item 5, issue 9: when the at-risk list is cut (limit 2 of 3 lines), each playbook
// group gives its true size and how many of its lines are listed ("共3单，列出前2单"),
// after the sentence giving both numbers, never a bare count of the listed ones.
#[test]
fn cut_at_risk_list_labels_group_counts_as_listed() {
    let dir = project("base");
    write(
        dir.path(),
        "delaybook.yaml",
        "timezone: Asia/Shanghai\nreport:\n  at_risk_limit: 2\n",
    );
    let mut orders = HEADER.to_string();
    for i in 1..=3 {
        orders.push_str(&format!("r{i},A,1,,2026-11-16 1{i}:00,,,待发货,,,,,1\n"));
    }
    write(dir.path(), "data/orders.csv", orders);
    write(dir.path(), "data/stock.csv", STOCK);
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["at_risk"]["count"], 3);
    assert_eq!(r["at_risk"]["rows"].as_array().unwrap().len(), 2);
    let base = dir.path().join("public/reports/2026-W47");
    let md = std::fs::read_to_string(base.join("report.md")).unwrap();
    let listed = md.find("按截止时间列出最早的2行，共3行。").expect(&md);
    let group = md.find("共3单，列出前2单").expect(&md);
    assert!(listed < group, "{md}");
    assert!(!md[listed..].contains("：2单"), "{md}");
    let page = std::fs::read_to_string(base.join("index.html")).unwrap();
    assert!(page.contains("共3单，列出前2单"), "at-risk group count");
    assert!(
        !page.contains("> 2单<") && !page.contains("· 2单"),
        "bare group count"
    );
}
