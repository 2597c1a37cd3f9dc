//! Hostile and broken CSV input (issue 14, items 3, 4, 8 and 13): mixed encodings,
//! UTF-16, records without end, impossible values. Every case fails with a located
//! error or is decoded right — never U+FFFD in a key, never an unbounded read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::time::{Duration, Instant};

use common::*;

fn project_with(orders: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = project("base");
    write(dir.path(), "data/orders.csv", orders);
    write(dir.path(), "data/stock.csv", STOCK);
    dir
}

/// A GBK file whose first 64 KiB are ASCII: the detection must look further.
fn ascii_then_gbk() -> Vec<u8> {
    let mut text = String::from(HEADER);
    let mut i = 0;
    while text.len() < 70 * 1024 {
        text.push_str(&format!(
            "ascii{i},A,1,,2026-11-10 10:00,,2026-11-11 10:00,shipped,,,,,1\n"
        ));
        i += 1;
    }
    text.push_str("g1,杯子,1,,2026-11-16 10:00,,,待发货,,,,,1\n");
    let mut bytes = encoding_rs::GBK.encode(&text).0.into_owned();
    bytes.extend_from_slice(b"\n");
    bytes
}

// Item 3: GBK rows after 64 KiB of ASCII are read as GBK, not as broken UTF-8.
#[test]
fn gbk_after_an_ascii_start_is_decoded() {
    let dir = project_with(ascii_then_gbk());
    write(dir.path(), "data/stock.csv", "sku,on_hand\n杯子,0\nA,100\n");
    let r = report(dir.path(), "2026-W47", &[]);
    let risk = &r["at_risk"]["rows"][0];
    assert_eq!(risk["sku"], "杯子");
    assert_eq!(r["data_quality"]["problems"].as_array().unwrap().len(), 0);
}

// Item 3: a file that is UTF-8 at the start and GBK further down stops with the line
// and column of the first bad bytes — with or without --strict, nothing written.
#[test]
fn invalid_bytes_mid_file_are_located_errors() {
    let mut bytes = format!("{HEADER}u1,杯子,1,,2026-11-16 10:00,,,,,,,,\n").into_bytes();
    bytes.extend(
        encoding_rs::GBK
            .encode("u2,A,1,,2026-11-16 10:00,,,待发货,,,,,\n")
            .0
            .iter(),
    );
    let dir = project_with(bytes);
    for strict in [false, true] {
        let mut args = vec!["report", "--week", "2026-W47"];
        if strict {
            args.push("--strict");
        }
        let out = run(dir.path(), &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("data/orders.csv:3:8: error[E305]: bytes that are not valid UTF-8"),
            "{err}"
        );
        assert!(!dir.path().join("public").exists());
    }
    // A U+FFFD already in the file (an earlier lossy conversion) is refused as well.
    let dir = project_with(format!(
        "{HEADER}u1,杯\u{FFFD}子,1,,2026-11-16 10:00,,,,,,,,\n"
    ));
    let err = stderr(&run(dir.path(), &["report", "--week", "2026-W47"]));
    assert!(
        err.contains("data/orders.csv:2:2: error[E305]: the text holds U+FFFD"),
        "{err}"
    );
}

// Item 4: Excel's "Unicode text" (UTF-16LE with a BOM, tab-separated) is decoded; UTF-16
// without a BOM is refused with how to re-save it.
#[test]
fn utf16_with_bom_is_read_and_without_is_refused() {
    let text = format!("{HEADER}v1,A,1,,2026-11-16 10:00,,,待发货,,,,,\n").replace(',', "\t");
    let mut le = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
    }
    let dir = project_with(&le);
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["totals"]["overdue_unshipped"], 1);
    assert_eq!(r["at_risk"]["rows"][0]["order_id"], "v1");
    let dir = project_with(&le[2..]);
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E307]") && err.contains("CSV UTF-8"),
        "{err}"
    );
}

// Item 8: a header of 8 MB without a line break is refused quickly, after reading about
// 1 MiB, and the message does not echo it.
#[test]
fn endless_header_is_refused_fast() {
    let mut bytes = b"order_id,".to_vec();
    bytes.resize(8 * 1024 * 1024, b'x');
    let dir = project_with(&bytes);
    let started = Instant::now();
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    let elapsed = started.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("data/orders.csv:1: error[E306]: a record is longer than 1048576 bytes"),
        "{err}"
    );
    assert!(
        err.len() < 2_000,
        "the value is not echoed: {} bytes",
        err.len()
    );
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}

// Item 8: a record just over the limit is refused, one just under it is read; a field
// over 64 KiB is refused with its column.
#[test]
fn record_and_field_limits_are_located() {
    // Extra columns of 60,000 bytes each (under the field limit): 17 make a record of
    // about 1,020,000 bytes (under 1 MiB), 18 one of about 1,080,000 (over).
    let row = |extra: usize| {
        let filler = vec!["y".repeat(60_000); extra].join(",");
        format!("{HEADER}r1,A,1,,2026-11-16 10:00,,,,,,,,,{filler}\n")
    };
    let dir = project_with(row(17));
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["totals"]["due"], 1);
    let dir = project_with(row(18));
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("data/orders.csv:2: error[E306]: a record is longer than 1048576 bytes"),
        "{}",
        &err[..err.len().min(500)]
    );
    let field = format!(
        "{HEADER}r1,A,1,,2026-11-16 10:00,,,,{},,,,\n",
        "z".repeat(70_000)
    );
    let dir = project_with(field);
    let err = stderr(&run(dir.path(), &["report", "--week", "2026-W47"]));
    assert!(
        err.contains("data/orders.csv:2:9: error[E306]: a field is longer than 65536 bytes"),
        "{err}"
    );
    assert!(!err.contains("zzzz"));
}

// Item 13: a negative amount, year 0 and a `+99:99` offset are rejected with their row;
// a negative amount never gives negative compensation.
#[test]
fn impossible_values_skip_their_rows() {
    let dir = project_with(format!(
        "{HEADER}n1,A,1,,2026-11-16 10:00,,,refunded,stockout,,,,-50\n\
         n2,A,1,,0000-11-16 10:00,,,,,,,,\n\
         n3,A,1,,2026-11-16T10:00:00+99:99,,,,,,,,\n\
         n4,A,1,,2026-11-16 10:00,,,refunded,stockout,,,,100\n"
    ));
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["data_quality"]["rows_skipped"], 3);
    let messages: Vec<&str> = r["data_quality"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("金额 `-50` 是负数"), "{messages:?}");
    assert!(
        messages[1].contains("无法把 `0000-11-16 10:00` 读成时间"),
        "{messages:?}"
    );
    assert!(messages[2].contains("+99:99"), "{messages:?}");
    // Only n4: min(0.05 · 100, 30) = 5.
    assert!(close(&r["compensation_estimate"], 5.0));
}

// Item 13: a broken `timestamp_formats` entry is a located config error.
#[test]
fn invalid_timestamp_formats_are_reported() {
    let dir = project_with(HEADER);
    write(
        dir.path(),
        "delaybook.yaml",
        "timestamp_formats:\n  - \"%m/%d/%Y %H:%M\"\n  - \"%Y-%m-%d %Q\"\n  - \"%H:%M\"\n",
    );
    let out = run(dir.path(), &["check", "--no-data"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("delaybook.yaml:3:5: error[E105]: timestamp format `%Y-%m-%d %Q` is not a valid chrono pattern"), "{err}");
    assert!(
        err.contains(
            "delaybook.yaml:4:5: error[E105]: timestamp format `%H:%M` can never read a date"
        ),
        "{err}"
    );
}
