//! Properties that must hold for any data (checked on generated sample data and on
//! rewritten copies of the metrics fixture): delayed ≤ due, shares sum to 1, the trend
//! row of a week equals that week's report, and the bytes of the input (header order,
//! CRLF, BOM) do not change the result.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use common::*;
use serde_json::Value;

fn sample(seed: u64) -> tempfile::TempDir {
    let dir = project("base");
    let s = seed.to_string();
    let out = run(
        dir.path(),
        &[
            "sample-data",
            "--orders",
            "3000",
            "--seed",
            &s,
            "--weeks",
            "6",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

// delayed ≤ due everywhere, and cause shares add up to 1.
#[test]
fn delayed_never_exceeds_due_and_shares_sum_to_one() {
    for seed in [1, 2, 3] {
        let dir = sample(seed);
        let r = report(dir.path(), "2026-W47", &[]);
        let t = &r["totals"];
        assert!(t["delayed"].as_u64() <= t["due"].as_u64());
        for w in r["trend"].as_array().unwrap() {
            assert!(w["delayed"].as_u64() <= w["due"].as_u64());
        }
        for p in r["platforms"].as_array().unwrap() {
            assert!(p["delayed"].as_u64() <= p["due"].as_u64());
        }
        let sum: f64 = r["causes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["share"].as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-9, "seed {seed}: {sum}");
    }
}

// The trend row of an earlier week equals the report run for that week.
#[test]
fn trend_row_equals_that_weeks_report() {
    let dir = sample(4);
    let w47 = report(dir.path(), "2026-W47", &[]);
    let w46 = report(dir.path(), "2026-W46", &[]);
    let row = &w47["trend"][6];
    assert_eq!(row["week"], "2026-W46");
    assert_eq!(row["due"], w46["totals"]["due"]);
    assert_eq!(row["delayed"], w46["totals"]["delayed"]);
}

/// Rewrites orders.csv with the columns in reverse order.
fn reverse_columns(text: &str) -> String {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut w = csv::Writer::from_writer(Vec::new());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let fields: Vec<&str> = rec.iter().rev().collect();
        w.write_record(&fields).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

// Header order, CRLF line ends and a BOM do not change any figure.
#[test]
fn input_bytes_do_not_change_the_result() {
    let dir = project("metrics");
    let base = report(dir.path(), "2026-W47", &[]);
    let text = std::fs::read_to_string(dir.path().join("data/orders.csv")).unwrap();
    let variants: Vec<Vec<u8>> = vec![
        reverse_columns(&text).into_bytes(),
        text.replace('\n', "\r\n").into_bytes(),
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    ];
    for (i, bytes) in variants.into_iter().enumerate() {
        write(dir.path(), "data/orders.csv", bytes);
        let mut r = report(dir.path(), "2026-W47", &[]);
        let mut want = base.clone();
        if i == 0 {
            // Reversed columns move the field numbers, not the figures.
            r["data_quality"]["problems"] = Value::Null;
            want["data_quality"]["problems"] = Value::Null;
        }
        assert_eq!(r, want, "variant {i}");
    }
}
