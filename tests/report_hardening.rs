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

// qa1 item 11: stock figures at the ends of the 64-bit range do not wrap. Hand values:
// S-MIN has on_hand i64::MIN and one waiting line, so available = i64::MIN − 1, which
// saturates at i64::MIN (not i64::MAX), and with no incoming stock the action is
// chase_supplier (it wrapped to "ok"). S-MAX has on_hand = incoming = i64::MAX: the
// restock quantity target + 0 − MAX − MAX is negative, so 0 (it wrapped to 7) and ok.
#[test]
fn stock_extremes_do_not_wrap() {
    let dir = project("base");
    write(
        dir.path(),
        "data/orders.csv",
        format!(
            "{HEADER}m1,S-MIN,1,,2026-11-16 10:00,,,待发货,,,,,1\n\
             x1,S-MAX,1,,2026-11-16 10:00,,,待发货,,,,,1\n"
        ),
    );
    write(
        dir.path(),
        "data/stock.csv",
        "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\n\
         S-MIN,甲,-9223372036854775808,0,,7,甲厂\n\
         S-MAX,乙,9223372036854775807,9223372036854775807,,7,甲厂\n",
    );
    let r = report(dir.path(), "2026-W47", &[]);
    let stock = r["stock"].as_array().unwrap();
    let row = |sku: &str| stock.iter().find(|s| s["sku"] == sku).unwrap().clone();
    let min = row("S-MIN");
    assert_eq!(min["available"], i64::MIN, "{min}");
    assert_eq!(min["action"], "chase_supplier", "{min}");
    let max = row("S-MAX");
    assert_eq!(max["available"], i64::MAX - 1, "{max}");
    assert_eq!(max["restock_qty"], 0, "{max}");
    assert_eq!(max["action"], "ok", "{max}");
}

// qa1 item 22: an export mixing five unreadable time styles gets a `timestamp_formats`
// hint with a line for each; pasting the hint makes every row readable.
#[test]
fn timestamp_hint_covers_every_style() {
    let dir = project_with(format!(
        "{HEADER}t1,A,1,,2026-11-16  10:00:00,,,待发货,,,,,1\n\
         t2,A,1,,2026-11-16 10:00:00 +0800,,,待发货,,,,,1\n\
         t3,A,1,,2026.11.16 10:00,,,待发货,,,,,1\n\
         t4,A,1,,20261116100000,,,待发货,,,,,1\n\
         t5,A,1,,2026年11月16日 10:00,,,待发货,,,,,1\n\
         t6,A,1,,2026-11-17 10:00,,,待发货,,,,,1\n"
    ));
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let hint: Vec<&str> = err
        .lines()
        .filter(|l| l.trim_start().starts_with("- \"%"))
        .collect();
    assert_eq!(hint.len(), 5, "{err}");
    let mut yaml = std::fs::read_to_string(dir.path().join("delaybook.yaml")).unwrap();
    yaml.push_str("timestamp_formats:\n");
    for line in hint {
        yaml.push_str(&format!("  {}\n", line.trim()));
    }
    write(dir.path(), "delaybook.yaml", yaml);
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(
        r["data_quality"]["rows_skipped"], 0,
        "{}",
        r["data_quality"]
    );
    assert_eq!(r["totals"]["orders_placed"], 6);
}

// qa1 item 22: an .xlsx workbook (a ZIP: `PK\x03\x04`, then NUL bytes) given as the
// orders is named as an Excel workbook, not as UTF-16 or NUL bytes.
#[test]
fn excel_workbook_is_named_as_such() {
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    xlsx.extend_from_slice(b"[Content_Types].xml");
    xlsx.extend(std::iter::repeat_n(0u8, 64));
    let dir = project_with(&xlsx);
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[E307]"), "{err}");
    assert!(err.contains("Excel workbook (.xlsx)"), "{err}");
    assert!(!err.contains("NUL bytes"), "{err}");
    assert!(!dir.path().join("public/reports/2026-W47").exists());
}

// qa1 item 12: a 0-byte or header-only stock file stops the report (exit 1, E316,
// nothing written) instead of taking every SKU's stock as 0 and chasing suppliers.
#[test]
fn empty_stock_file_is_an_error() {
    for stock in [
        "",
        "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\n",
    ] {
        let dir = project("base");
        write(
            dir.path(),
            "data/orders.csv",
            format!("{HEADER}o1,A,1,,2026-11-16 10:00,,,待发货,,,,,1\n"),
        );
        write(dir.path(), "data/stock.csv", stock);
        let out = run(dir.path(), &["report", "--week", "2026-W47"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stock:?}: {err}");
        assert!(err.contains("error[E316]"), "{err}");
        assert!(err.contains("stock.csv"), "{err}");
        assert!(!dir.path().join("public/reports/2026-W47").exists());
    }
}
