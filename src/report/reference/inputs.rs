//! Varied order exports for the equivalence tests: generated files (both `sample-data`
//! styles) run through seeded mutations — blank rows and empty lines, bad and odd
//! timestamps, status and platform spellings, unknown causes, short rows, padded values,
//! repeats (also across files), quoted line breaks, DST gaps and overlaps — and written
//! with CRLF, a BOM, GBK, every field quoted, reversed columns or split into files.

#![allow(clippy::unwrap_used, reason = "test input generation")]

use std::path::Path;

use chrono::NaiveDate;

use crate::sample::{Rng, SampleSpec};

/// Which generator the rows come from.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    /// `sample-data`.
    Sample,
    /// `sample-data --style independent`.
    Independent,
}

/// One input variant.
#[derive(Debug, Clone)]
pub struct Variant {
    pub style: Style,
    pub orders: u64,
    pub seed: u64,
    pub weeks: u32,
    pub end: NaiveDate,
    pub timezone: &'static str,
    pub crlf: bool,
    pub bom: bool,
    pub gbk: bool,
    pub quote_all: bool,
    pub reverse_columns: bool,
    /// Number of order files (a folder when more than one).
    pub files: usize,
    /// Share of rows mutated.
    pub mess: f64,
    /// Put some times into the DST gap and overlap of America/New_York (2026).
    pub dst: bool,
    /// Share of rows repeated later with one odd value: a later row of a key that may
    /// be invalid (then an earlier valid row is used) or say something else.
    pub damaged_repeats: f64,
}

impl Variant {
    /// A plain variant: independent style, 4,000 lines, nothing else.
    pub fn plain(seed: u64) -> Self {
        Variant {
            style: Style::Independent,
            orders: 4_000,
            seed,
            weeks: 10,
            end: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            timezone: "Asia/Shanghai",
            crlf: false,
            bom: false,
            gbk: false,
            quote_all: false,
            reverse_columns: false,
            files: 1,
            mess: 0.0,
            dst: false,
            damaged_repeats: 0.0,
        }
    }
}

/// Writes a project (sample config and playbooks) with the variant's data into `dir`;
/// returns the `inputs.orders` value to use.
pub fn write_project(v: &Variant, dir: &Path) {
    crate::commands::new::write_project(dir).unwrap();
    let gen_dir = dir.join("gen");
    let spec = SampleSpec {
        orders: v.orders,
        seed: v.seed,
        weeks: v.weeks,
        end: v.end,
        preset: None,
    };
    match v.style {
        Style::Sample => crate::sample::write_files(&spec, &gen_dir).unwrap(),
        Style::Independent => crate::sample::independent::write_files(&spec, &gen_dir).unwrap(),
    };
    std::fs::copy(gen_dir.join("stock.csv"), dir.join("data/stock.csv")).unwrap();
    let text = std::fs::read(gen_dir.join("orders.csv")).unwrap();
    std::fs::remove_dir_all(&gen_dir).unwrap();
    std::fs::remove_file(dir.join("data/orders.csv")).unwrap();
    let (header, rows) = mutate(v, &text);
    let mut config = std::fs::read_to_string(dir.join("delaybook.yaml")).unwrap();
    config = config.replace(
        "timezone: Asia/Shanghai",
        &format!("timezone: {}", v.timezone),
    );
    if v.files > 1 {
        config = config.replace("orders: data/orders.csv", "orders: data/orders");
        let per = rows.len().div_ceil(v.files);
        for (i, chunk) in rows.chunks(per.max(1)).enumerate() {
            let path = dir.join(format!("data/orders/part-{i:02}.csv"));
            write_file(v, &path, &header, chunk);
        }
    } else {
        write_file(v, &dir.join("data/orders.csv"), &header, &rows);
    }
    std::fs::write(dir.join("delaybook.yaml"), config).unwrap();
}

/// A row as written: fields, or a raw line (an empty line).
#[derive(Debug, Clone)]
pub enum Row {
    Fields(Vec<String>),
    Raw(&'static str),
}

const ORDER_ID: usize = 0;
const SKU: usize = 1;
const QUANTITY: usize = 2;
const PLATFORM: usize = 3;
const ORDERED_AT: usize = 4;
const PROMISED: usize = 5;
const SHIPPED_AT: usize = 6;
const STATUS: usize = 7;
const CAUSE: usize = 8;
const DETECTED_AT: usize = 9;
const RESOLUTION: usize = 11;
const AMOUNT: usize = 12;

fn mutate(v: &Variant, text: &[u8]) -> (Vec<String>, Vec<Row>) {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text);
    let mut records = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect());
    let header: Vec<String> = records.next().unwrap();
    let mut rng = Rng::new(v.seed ^ 0xABCD);
    let mut recent: Vec<Vec<String>> = Vec::new();
    let mut rows = Vec::new();
    for mut rec in records {
        if v.dst && rng.chance(0.03) {
            dst_time(&mut rng, &mut rec);
        }
        if rng.chance(v.mess) {
            match rng.next_u64() % 18 {
                0 => rows.push(Row::Fields(vec![String::new(); rec.len()])),
                1 => rows.push(Row::Raw("")),
                2 => rows.push(Row::Fields(pick(&mut rng, &recent).unwrap_or(&rec).clone())),
                k => odd_value(&mut rng, k, &mut rec),
            }
        }
        if v.damaged_repeats > 0.0 && rng.chance(v.damaged_repeats) {
            damaged_repeat(&mut rng, &mut recent, &mut rows);
        }
        if recent.len() < 500 {
            recent.push(rec.clone());
        } else {
            let i = (rng.next_u64() % 500) as usize;
            recent[i] = rec.clone();
        }
        rows.push(Row::Fields(rec));
    }
    (header, rows)
}

/// A recent record again, with one odd value; sometimes kept as recent itself, so a key
/// gets three or more rows.
fn damaged_repeat(rng: &mut Rng, recent: &mut [Vec<String>], rows: &mut Vec<Row>) {
    let Some(i) = (!recent.is_empty()).then(|| (rng.next_u64() % recent.len() as u64) as usize)
    else {
        return;
    };
    let mut copy = recent[i].clone();
    let k = 3 + rng.next_u64() % 15;
    if k != 5 && k != 14 && k < 17 {
        odd_value(rng, k, &mut copy);
    }
    if rng.chance(0.3) {
        recent[i] = copy.clone();
    }
    rows.push(Row::Fields(copy));
}

fn pick<'a, T>(rng: &mut Rng, xs: &'a [T]) -> Option<&'a T> {
    if xs.is_empty() {
        None
    } else {
        Some(&xs[(rng.next_u64() % xs.len() as u64) as usize])
    }
}

fn one(rng: &mut Rng, xs: &[&str]) -> String {
    pick(rng, xs).copied().unwrap_or_default().to_string()
}

/// One odd but realistic value (or damage) in the record.
fn odd_value(rng: &mut Rng, k: u64, rec: &mut Vec<String>) {
    match k {
        3 => rec[ORDERED_AT] = one(rng, &["2026-13-45 10:00", "yesterday", "2026-11-31 10:00"]),
        4 => rec[SHIPPED_AT] = one(rng, &["soon", "2026-11-17 25:00", "n/a"]),
        5 => rec[ORDER_ID] = String::new(),
        6 => {
            rec[STATUS] = one(
                rng,
                &[
                    "已发货",
                    "SHIPPED",
                    " shipped ",
                    "已签收",
                    "lost",
                    "待发货",
                    "已退款",
                    "交易关闭",
                ],
            );
        }
        7 => rec[PLATFORM] = one(rng, &["DOUYIN", "", "kuaishou", "TikTok_Shop", " taobao"]),
        8 => reformat_time(rng, rec),
        9 => rec[QUANTITY] = one(rng, &["2.0", "0", "", "x", "3", "1e3"]),
        10 => rec[AMOUNT] = one(rng, &["¥1,234.50", "abc", "", "12", "-3.5", "￥88"]),
        11 => {
            rec[CAUSE] = one(
                rng,
                &["weather_delay", " stockout ", "Stockout", "logistcs"],
            )
        }
        12 => rec.iter_mut().for_each(|f| *f = format!("  {f} ")),
        13 => {
            if !rec[ORDERED_AT].is_empty() {
                rec[SHIPPED_AT] = "2020-01-01 00:00".into();
            }
        }
        14 => rec.truncate(5 + (rng.next_u64() % 6) as usize),
        15 => rec[RESOLUTION] = "多行备注\n第二行,含\"引号\"".into(),
        16 => rec[DETECTED_AT] = one(rng, &["n/a", "2026-11-17"]),
        _ => rec[SKU] = one(rng, &["", "  ", "SKU-999", "sp00011-bk"]),
    }
}

/// The same instant written another accepted way.
fn reformat_time(rng: &mut Rng, rec: &mut [String]) {
    let t = rec[ORDERED_AT].clone();
    if t.len() < 16 {
        return;
    }
    let (date, time) = (&t[..10], &t[11..16]);
    rec[ORDERED_AT] = match rng.next_u64() % 4 {
        0 => format!("{} {time}", date.replace('-', "/")),
        1 => format!("{date}T{time}:00+08:00"),
        2 => date.to_string(),
        _ => format!("{}/{}/{} {time}", &date[5..7], &date[8..10], &date[..4]),
    };
    if rng.chance(0.5) {
        rec[PROMISED] = format!("{date}T{time}:00Z");
    }
}

/// Times in the 2026 DST gap (2026-03-08 02:00–03:00) and overlap (2026-11-01
/// 01:00–02:00) of America/New_York.
fn dst_time(rng: &mut Rng, rec: &mut [String]) {
    let times = [
        "2026-03-08 02:30",
        "2026-03-08 01:59",
        "2026-03-08 03:00",
        "2026-11-01 01:30",
        "2026-11-01 00:59",
        "2026-11-01 02:00",
    ];
    rec[ORDERED_AT] = one(rng, &times);
    rec[PROMISED] = one(rng, &times);
    rec[SHIPPED_AT] = if rng.chance(0.5) {
        String::new()
    } else {
        "2026-11-01 01:45".into()
    };
}

fn write_file(v: &Variant, path: &Path, header: &[String], rows: &[Row]) {
    let order: Vec<usize> = if v.reverse_columns {
        (0..header.len()).rev().collect()
    } else {
        (0..header.len()).collect()
    };
    let mut builder = csv::WriterBuilder::new();
    builder
        .flexible(true)
        .buffer_capacity(256)
        .quote_style(if v.quote_all {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .terminator(if v.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        });
    let eol = if v.crlf { "\r\n" } else { "\n" };
    let mut out = Vec::new();
    let record = |out: &mut Vec<u8>, rec: &[String]| {
        let fields: Vec<&String> = order.iter().filter_map(|&i| rec.get(i)).collect();
        let mut w = builder.from_writer(out);
        w.write_record(fields).unwrap();
        w.flush().unwrap();
    };
    record(&mut out, header);
    for row in rows {
        match row {
            Row::Fields(rec) => record(&mut out, rec),
            Row::Raw(line) => {
                out.extend_from_slice(line.as_bytes());
                out.extend_from_slice(eol.as_bytes());
            }
        }
    }
    let mut bytes = if v.gbk {
        let text = String::from_utf8(out).unwrap();
        encoding_rs::GBK.encode(&text).0.into_owned()
    } else {
        out
    };
    if v.bom && !v.gbk {
        bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
    }
    crate::fsx::write(path, &bytes).unwrap();
}
