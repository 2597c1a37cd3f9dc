//! How generated orders are written: the canonical `orders.csv` of the contract, or a
//! platform's own export (`sample-data --preset`), with that platform's Chinese
//! headers, encoding, line ends and Excel-protection quirks as documented in
//! `docs/exports.md`:
//!
//! | preset | files | encoding | quirks |
//! |---|---|---|---|
//! | `douyin` | one, one row per 子订单 | UTF-8 with BOM, LF | `"\t…"` ids, `-` for empty |
//! | `pinduoduo` | one, one row per order (one SKU each) | UTF-8, LF | `YYMMDD-…` order numbers, `(元)`/`(件)` headers, full-width commas in statuses |
//! | `taobao` | 订单报表 + 宝贝报表 | GBK, CRLF | `="…"` ids, headers with trailing spaces, `'` before phones |
//!
//! Buyer names, phones and addresses are masked placeholders (the platforms mask them
//! too), so no real contact detail is ever generated.

use std::fmt::Write as _;
use std::io::Write;

use chrono::NaiveDate;

use super::{Fate, Minutes};

/// A platform export shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 抖店.
    Douyin,
    /// 拼多多.
    Pinduoduo,
    /// 淘宝/天猫 (two files).
    Taobao,
}

/// One generated order line.
#[derive(Debug, Clone)]
pub struct Line {
    /// Canonical order id (`DY2611000001`).
    pub order_id: String,
    /// Sequence number of the order.
    pub order_no: u64,
    /// Seller SKU.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Unit price.
    pub price: f64,
    /// Units.
    pub qty: u64,
    /// Platform key.
    pub platform: &'static str,
    /// When it was paid.
    pub ordered: Minutes,
    /// Dispatch deadline.
    pub deadline: Minutes,
    /// Whether the canonical file writes `promised_ship_by`.
    pub writes_deadline: bool,
    /// Line amount.
    pub amount: f64,
    /// What happened to it.
    pub fate: Fate,
}

/// One SKU of the stock file.
#[derive(Debug, Clone)]
pub struct StockLine {
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Units on hand.
    pub on_hand: i64,
    /// Units incoming.
    pub incoming: i64,
    /// Restock date.
    pub eta: Option<String>,
    /// Lead time.
    pub lead_days: u32,
    /// Supplier.
    pub supplier: &'static str,
}

/// Where generated orders go.
pub trait Sink {
    /// The order files to write, in order (their writers are passed to the calls below
    /// in the same order).
    fn files(&self) -> Vec<String>;
    /// Writes the header rows.
    fn header(&mut self, outs: &mut [&mut dyn Write]) -> std::io::Result<()>;
    /// Writes one order.
    fn order(&mut self, lines: &[Line], outs: &mut [&mut dyn Write]) -> std::io::Result<()>;
    /// The platform index every order is on (`None`: random).
    fn platform(&self) -> Option<usize> {
        None
    }
    /// True when every order has exactly one line (拼多多).
    fn single_line_orders(&self) -> bool {
        false
    }
    /// The stock file's bytes.
    fn stock_file(&self, rows: &[StockLine]) -> Vec<u8>;
}

/// The sink for a preset (or the canonical one).
pub fn sink(shape: Option<Shape>, end: NaiveDate) -> Box<dyn Sink> {
    let export = super::midnight(end) + 1440;
    match shape {
        None => Box::new(Canonical),
        Some(Shape::Douyin) => Box::new(super::douyin::Douyin { export }),
        Some(Shape::Pinduoduo) => Box::new(super::douyin::Pinduoduo { export }),
        Some(Shape::Taobao) => Box::new(super::taobao::Taobao { export, end }),
    }
}

/// The first file a preset run would replace in `dir` that it did not write (its first
/// bytes differ from the preset's header), so a real export is never overwritten.
pub fn foreign_file(
    shape: Shape,
    end: NaiveDate,
    dir: &std::path::Path,
) -> Option<std::path::PathBuf> {
    let mut sink = sink(Some(shape), end);
    let names = sink.files();
    let mut heads: Vec<Vec<u8>> = vec![Vec::new(); names.len()];
    {
        let mut outs: Vec<&mut dyn Write> = heads.iter_mut().map(|h| h as &mut dyn Write).collect();
        sink.header(&mut outs).ok()?;
    }
    let mut expected: Vec<(String, Vec<u8>)> = names.into_iter().zip(heads).collect();
    expected.push(("stock.csv".into(), sink.stock_file(&[])));
    expected.into_iter().find_map(|(name, head)| {
        let path = dir.join(name);
        let mut start = vec![0u8; head.len()];
        let mut file = std::fs::File::open(&path).ok()?;
        let same = std::io::Read::read_exact(&mut file, &mut start).is_ok() && start == head;
        (!same).then_some(path)
    })
}

/// `YYYY-MM-DD HH:MM:00` of naive local minutes.
pub fn ts(t: Minutes) -> String {
    let date = crate::ingest::timestamp::date_of_day(t.div_euclid(1440));
    let m = t.rem_euclid(1440);
    format!("{} {:02}:{:02}:00", date.format("%Y-%m-%d"), m / 60, m % 60)
}

/// A CSV field, quoted when it must be.
pub fn q(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The contract's orders.csv (English headers, UTF-8), as `sample-data` always wrote it.
struct Canonical;

impl Sink for Canonical {
    fn files(&self) -> Vec<String> {
        vec!["orders.csv".into()]
    }

    fn header(&mut self, outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        outs[0].write_all(format!("{}\n", super::ORDERS_HEADER).as_bytes())
    }

    fn order(&mut self, lines: &[Line], outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        let mut row = String::with_capacity(256);
        let opt = |t: Option<Minutes>| t.map(ts).unwrap_or_default();
        for l in lines {
            let f = &l.fate;
            let deadline = if l.writes_deadline {
                ts(l.deadline)
            } else {
                String::new()
            };
            let _ = writeln!(
                row,
                "{},{},{},{},{},{deadline},{},{},{},{},{},{},{:.2}",
                l.order_id,
                l.sku,
                l.qty,
                l.platform,
                ts(l.ordered),
                opt(f.shipped),
                f.status,
                f.cause,
                opt(f.detected),
                opt(f.notified),
                f.resolution,
                l.amount
            );
        }
        outs[0].write_all(row.as_bytes())
    }

    fn stock_file(&self, rows: &[StockLine]) -> Vec<u8> {
        let mut out = format!("{}\n", super::STOCK_HEADER);
        for r in rows {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{}",
                r.sku,
                r.name,
                r.on_hand,
                r.incoming,
                r.eta.clone().unwrap_or_default(),
                r.lead_days,
                r.supplier
            );
        }
        out.into_bytes()
    }
}

/// The stock file of the presets: an ERP's Chinese export.
pub fn chinese_stock(rows: &[StockLine], line_end: &str) -> String {
    let mut out =
        format!("商家编码,商品名称,可用库存,在途数量,预计到货日期,采购周期(天),供应商{line_end}");
    for r in rows {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{}{line_end}",
            q(&r.sku),
            q(&r.name),
            r.on_hand,
            r.incoming,
            r.eta.clone().unwrap_or_default(),
            r.lead_days,
            q(r.supplier)
        );
    }
    out
}
