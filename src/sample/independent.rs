//! The "independent export" shape of `sample-data --style independent`: order data
//! written the way another shop system would write it, for benchmarks and tests that
//! must not be fitted to the layout of delaybook's own sample.
//!
//! What differs from the sample: 19-digit order numbers, 5,000 SKUs whose demand follows
//! a Zipf law (s = 1.1, ranks shuffled over the ids), times with seconds, a deadline
//! column filled on about 60 % of the lines, Chinese free text in `resolution` — about
//! 2 % of the rows carry a quoted field with `,` and `""` (one in 2,000 rows a quoted
//! line break) — and about 1 % of the (order_id, sku) pairs exported a second time,
//! 100 to 100,000 rows later (at most a quarter of the file) with the newer status (the
//! contract's "last row wins").
//! Every row is valid, so any SQL engine can load the file with fixed column types.
//! Deterministic for a seed; rows are written as they are generated.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{ORDERS_HEADER, Rng, STOCK_HEADER, SampleSpec};
use crate::fsx::FsError;

/// Number of SKUs.
pub const SKUS: usize = 5_000;
/// The Zipf exponent of SKU demand.
const ZIPF_S: f64 = 1.1;
/// Share of lines exported again later.
const REPEAT_SHARE: f64 = 0.01;
/// Share of rows with a quoted free-text field.
const QUOTED_SHARE: f64 = 0.02;
/// Share of rows whose quoted field holds a line break.
const NEWLINE_SHARE: f64 = 0.0005;

/// Platform key, share, promise hours.
const PLATFORMS: [(&str, f64, i64); 4] = [
    ("douyin", 0.45, 48),
    ("pinduoduo", 0.25, 48),
    ("taobao", 0.20, 48),
    ("tiktok_shop", 0.10, 72),
];

/// Cause codes of the sample catalogue with their delay hours (min, max).
const CAUSES: [(&str, f64, f64); 8] = [
    ("stockout", 20.0, 110.0),
    ("supplier_delay", 30.0, 160.0),
    ("logistics", 10.0, 72.0),
    ("carrier_no_scan", 6.0, 40.0),
    ("order_error", 2.0, 30.0),
    ("production", 24.0, 120.0),
    ("wrong_tracking", 4.0, 28.0),
    ("stock_sync_delay", 12.0, 60.0),
];

/// Free text without an ASCII comma (written unquoted).
const PLAIN_NOTES: [&str; 6] = [
    "已联系买家同意等待",
    "补发同款已出库",
    "买家接受换色替代",
    "仓库加急处理中",
    "已致歉并备注优先发货",
    "快递揽收延误已催促",
];

/// Free text that needs quoting: ASCII commas and `"` inside.
const QUOTED_NOTES: [&str; 5] = [
    "买家同意等待,已备注",
    "客服回复\"三天内发出\",买家接受",
    "补发替代款(颜色不同),买家确认",
    "退差价 5.00 元,买家说\"可以\"",
    "供应商延期,已电话通知买家",
];

/// Line status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Open,
    Shipped,
    Cancelled,
    Refunded,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Shipped => "shipped",
            Status::Cancelled => "cancelled",
            Status::Refunded => "refunded",
        }
    }
}

/// One order line; times in seconds since 1970-01-01 00:00 local.
#[derive(Debug, Clone)]
struct Line {
    order: u64,
    sku: usize,
    qty: u32,
    platform: usize,
    ordered: i64,
    deadline: i64,
    writes_deadline: bool,
    shipped: Option<i64>,
    status: Status,
    cause: &'static str,
    detected: Option<i64>,
    notified: Option<i64>,
    note: Note,
    price_cents: u64,
}

/// What the `resolution` column holds.
#[derive(Debug, Clone, Copy)]
enum Note {
    None,
    Plain(usize),
    Quoted(usize, bool),
}

/// Writes `orders.csv` and `stock.csv` of the independent shape into `dir`; returns
/// their paths.
pub fn write_files(spec: &SampleSpec, dir: &Path) -> Result<Vec<PathBuf>, FsError> {
    std::fs::create_dir_all(dir).map_err(|e| FsError::new("cannot create folder", dir, e))?;
    let path = dir.join("orders.csv");
    let file = std::fs::File::create(&path).map_err(|e| FsError::new("cannot write", &path, e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut g = Gen::new(spec);
    g.write_orders(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| FsError::new("cannot write", &path, e))?;
    let stock = dir.join("stock.csv");
    crate::fsx::write(&stock, g.stock_csv().as_bytes())?;
    Ok(vec![path, stock])
}

struct Gen<'a> {
    spec: &'a SampleSpec,
    rng: Rng,
    /// Cumulative Zipf weights by demand rank.
    zipf: Vec<f64>,
    /// SKU index of each demand rank.
    rank_to_sku: Vec<usize>,
    prices: Vec<u64>,
    export: i64,
    platforms_cum: Vec<f64>,
    /// Lines to export again: (row index when due, sequence) → line.
    repeats: BinaryHeap<Reverse<(u64, u64)>>,
    repeat_lines: std::collections::HashMap<u64, Line>,
    day_cache: (i64, String),
}

impl<'a> Gen<'a> {
    fn new(spec: &'a SampleSpec) -> Self {
        let mut rng = Rng::new(spec.seed ^ 0x1DE9_E4DE_4700);
        let mut total = 0.0;
        let zipf = (0..SKUS)
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(ZIPF_S);
                total
            })
            .collect();
        let mut rank_to_sku: Vec<usize> = (0..SKUS).collect();
        for i in (1..SKUS).rev() {
            let j = (rng.next_u64() % (i as u64 + 1)) as usize;
            rank_to_sku.swap(i, j);
        }
        let prices = (0..SKUS)
            .map(|_| (rng.range(9.9, 399.0) * 10.0).round() as u64 * 10)
            .collect();
        let mut cum = 0.0;
        let platforms_cum = PLATFORMS
            .iter()
            .map(|p| {
                cum += p.1;
                cum
            })
            .collect();
        Gen {
            spec,
            rng,
            zipf,
            rank_to_sku,
            prices,
            export: (crate::ingest::timestamp::day_of_date(spec.end) + 1) * 86_400,
            platforms_cum,
            repeats: BinaryHeap::new(),
            repeat_lines: std::collections::HashMap::new(),
            day_cache: (i64::MIN, String::new()),
        }
    }

    fn write_orders(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(out, "{ORDERS_HEADER}")?;
        let days = i64::from(self.spec.weeks.max(1)) * 7;
        let first = self.export - days * 86_400;
        let total = self.spec.orders;
        let mut row = String::with_capacity(512);
        let (mut written, mut order, mut seq) = (0u64, 0u64, 0u64);
        while written < total {
            if let Some(&Reverse((due, s))) = self.repeats.peek() {
                if due <= written {
                    self.repeats.pop();
                    if let Some(l) = self.repeat_lines.remove(&s) {
                        self.write_line(&l, &mut row);
                        out.write_all(row.as_bytes())?;
                        written += 1;
                        continue;
                    }
                }
            }
            order += 1;
            // Orders spread evenly over the days of the period, in time order.
            let day = first + (written * days as u64 / total) as i64 * 86_400;
            let ordered = day + self.time_of_day();
            let lines = 1 + u64::from(self.rng.chance(0.2)) + u64::from(self.rng.chance(0.06));
            let platform = self.rng.pick(&self.platforms_cum);
            let mut used = Vec::with_capacity(3);
            for _ in 0..lines.min(total - written) {
                let mut sku = self.rank_to_sku[self.rng.pick(&self.zipf)];
                while used.contains(&sku) {
                    sku = (sku + 1) % SKUS;
                }
                used.push(sku);
                let l = self.line(order, sku, platform, ordered);
                self.write_line(&l, &mut row);
                out.write_all(row.as_bytes())?;
                written += 1;
                if self.rng.chance(REPEAT_SHARE) {
                    seq += 1;
                    let due = written + 100 + self.rng.next_u64() % (total / 4).clamp(1, 100_000);
                    let later = self.later(l);
                    self.repeat_lines.insert(seq, later);
                    self.repeats.push(Reverse((due, seq)));
                }
            }
        }
        Ok(())
    }

    /// Seconds after midnight, evening-heavy.
    fn time_of_day(&mut self) -> i64 {
        let hour = [9.0, 11.0, 13.0, 15.0, 19.0, 20.0, 21.0, 22.5]
            [self.rng.pick(&[1.0, 2.2, 3.4, 4.4, 5.8, 7.3, 8.8, 10.0])];
        ((hour * 3600.0 + self.rng.range(0.0, 5400.0)) as i64).min(86_399)
    }

    fn line(&mut self, order: u64, sku: usize, platform: usize, ordered: i64) -> Line {
        let qty = 1 + u32::from(self.rng.chance(0.12)) + u32::from(self.rng.chance(0.03));
        let deadline = ordered + PLATFORMS[platform].2 * 3600;
        let mut l = Line {
            order,
            sku,
            qty,
            platform,
            ordered,
            deadline,
            writes_deadline: self.rng.chance(0.6),
            shipped: None,
            status: Status::Open,
            cause: "",
            detected: None,
            notified: None,
            note: Note::None,
            price_cents: self.prices[sku] * u64::from(qty),
        };
        self.fate(&mut l);
        l.note = if self.rng.chance(QUOTED_SHARE) {
            Note::Quoted(
                (self.rng.next_u64() % QUOTED_NOTES.len() as u64) as usize,
                self.rng.chance(NEWLINE_SHARE / QUOTED_SHARE),
            )
        } else if !l.cause.is_empty() {
            Note::Plain((self.rng.next_u64() % PLAIN_NOTES.len() as u64) as usize)
        } else {
            Note::None
        };
        l
    }

    fn fate(&mut self, l: &mut Line) {
        let r = self.rng.unit();
        if r < 0.03 {
            l.status = if r < 0.015 {
                Status::Cancelled
            } else {
                Status::Refunded
            };
            return;
        }
        let promise = l.deadline - l.ordered;
        if r < 0.045 {
            l.status = Status::Refunded;
            l.cause = "stockout";
            l.detected = Some(l.ordered + self.rng.range(600.0, 30_000.0) as i64);
            l.notified = l
                .detected
                .map(|d| d + self.rng.range(600.0, 9_000.0) as i64);
        } else if r < 0.86 {
            l.shipped = Some(l.ordered + (self.rng.range(0.05, 0.95) * promise as f64) as i64);
        } else {
            let (code, lo, hi) = CAUSES[(self.rng.next_u64() % CAUSES.len() as u64) as usize];
            l.shipped = Some(l.deadline + (self.rng.range(lo, hi) * 3600.0) as i64);
            l.cause = if self.rng.chance(0.15) { "" } else { code };
            if !l.cause.is_empty() && self.rng.chance(0.7) {
                let d = l.deadline - (self.rng.range(-10.0, 30.0) * 3600.0) as i64;
                l.detected = Some(d.max(l.ordered));
            }
            if self.rng.chance(0.75) {
                let base = l.detected.unwrap_or(l.deadline);
                l.notified = Some(base + self.rng.range(300.0, 30_000.0) as i64);
            }
        }
        for t in [&mut l.shipped, &mut l.detected, &mut l.notified] {
            *t = t.filter(|&t| t < self.export);
        }
        if l.status != Status::Refunded {
            l.status = if l.shipped.is_some() {
                Status::Shipped
            } else {
                Status::Open
            };
        }
    }

    /// The same line as a later export shows it: an open line has shipped since.
    fn later(&mut self, mut l: Line) -> Line {
        if l.status == Status::Open {
            let ship = l.deadline + self.rng.range(-20.0, 20.0) as i64 * 3600;
            if ship >= l.ordered && ship < self.export {
                l.shipped = Some(ship);
                l.status = Status::Shipped;
            }
        }
        l
    }

    fn write_line(&mut self, l: &Line, row: &mut String) {
        row.clear();
        let order_id = 6_938_000_000_000_000_000 + l.order * 7;
        let qty = l.qty;
        let _ = write!(
            row,
            "{order_id},{},{qty},{},",
            sku_id(l.sku),
            PLATFORMS[l.platform].0
        );
        self.ts(row, Some(l.ordered));
        row.push(',');
        self.ts(row, Some(l.deadline).filter(|_| l.writes_deadline));
        row.push(',');
        self.ts(row, l.shipped);
        let _ = write!(row, ",{},{},", l.status.as_str(), l.cause);
        self.ts(row, l.detected);
        row.push(',');
        self.ts(row, l.notified);
        row.push(',');
        match l.note {
            Note::None => {}
            Note::Plain(i) => row.push_str(PLAIN_NOTES[i]),
            Note::Quoted(i, newline) => {
                row.push('"');
                row.push_str(&QUOTED_NOTES[i].replace('"', "\"\""));
                if newline {
                    row.push_str("\n（转人工）");
                }
                row.push('"');
            }
        }
        let _ = writeln!(row, ",{}.{:02}", l.price_cents / 100, l.price_cents % 100);
    }

    fn ts(&mut self, row: &mut String, t: Option<i64>) {
        let Some(t) = t else { return };
        let day = t.div_euclid(86_400);
        if self.day_cache.0 != day {
            let date = crate::ingest::timestamp::date_of_day(day);
            self.day_cache = (day, date.format("%Y-%m-%d").to_string());
        }
        let s = t.rem_euclid(86_400);
        let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
        let _ = write!(row, "{} {h:02}:{m:02}:{s:02}", self.day_cache.1);
    }

    /// One row per SKU except every 100th (missing from stock.csv, as in real shops).
    fn stock_csv(&mut self) -> String {
        let mut out = format!("{STOCK_HEADER}\n");
        let per_week = self.spec.orders as f64 / f64::from(self.spec.weeks.max(1));
        let total = self.zipf.last().copied().unwrap_or(1.0);
        let mut weight = vec![0.0; SKUS];
        for (rank, &sku) in self.rank_to_sku.iter().enumerate() {
            let prev = if rank == 0 { 0.0 } else { self.zipf[rank - 1] };
            weight[sku] = (self.zipf[rank] - prev) / total;
        }
        for (sku, w) in weight.iter().enumerate() {
            if sku % 100 == 99 {
                continue;
            }
            let weekly = per_week * w;
            let on_hand = (weekly * self.rng.range(-0.3, 4.0)).round() as i64;
            let (incoming, eta) = if self.rng.chance(0.3) {
                let days = 1 + self.rng.next_u64() % 14;
                let eta = self.spec.end + chrono::Duration::days(days as i64);
                ((weekly * 2.0).ceil() as i64 + 10, eta.to_string())
            } else {
                (0, String::new())
            };
            let lead = [3, 5, 7, 10, 15][sku % 5];
            let _ = writeln!(
                out,
                "{},商品{}号,{on_hand},{incoming},{eta},{lead},供应商{}",
                sku_id(sku),
                sku + 1,
                sku % 37 + 1
            );
        }
        out
    }
}

/// `SP00042-BK`: a seller code with a colour suffix.
fn sku_id(sku: usize) -> String {
    const COLOURS: [&str; 6] = ["BK", "WH", "RD", "BL", "GR", "PK"];
    format!("SP{:05}-{}", sku / 6 * 7 + 11, COLOURS[sku % 6])
}

#[cfg(test)]
mod tests {
    use super::*;

    // The file has the promised shape: 13 columns, quoted fields, repeated pairs, and the
    // same bytes for the same seed.
    #[test]
    fn shape_and_determinism() {
        let spec = SampleSpec {
            orders: 20_000,
            ..SampleSpec::default_sample()
        };
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        write_files(&spec, a.path()).unwrap();
        write_files(&spec, b.path()).unwrap();
        let bytes = std::fs::read(a.path().join("orders.csv")).unwrap();
        assert_eq!(bytes, std::fs::read(b.path().join("orders.csv")).unwrap());
        let mut rdr = csv::Reader::from_reader(bytes.as_slice());
        let (mut rows, mut quoted) = (0, 0);
        let mut pairs = std::collections::HashSet::new();
        let mut repeated = 0;
        for rec in rdr.records() {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), 13);
            rows += 1;
            quoted += usize::from(rec[11].contains([',', '"']));
            if !pairs.insert((rec[0].to_string(), rec[1].to_string())) {
                repeated += 1;
            }
        }
        assert_eq!(rows, 20_000);
        assert!((300..500).contains(&quoted), "{quoted}");
        assert!((120..280).contains(&repeated), "{repeated}");
    }
}
