//! Realistic synthetic `orders.csv` and `stock.csv`, deterministic for a seed.
//!
//! About 120 SKUs with long-tail demand and a few hot items, four platforms, a weekly
//! rhythm and a promotion spike (11-11 when in range), every cause code of the sample
//! catalogue with its own delay profile, stock-outs that end in refunds, buyer
//! cancellations, late or missing notifications, and a stock file in which a few
//! "trouble" SKUs need each stock action. Rows are written as they are generated, so
//! memory does not grow with the number of lines. The PRNG is SplitMix64 (no crate).

use std::path::Path;

use chrono::NaiveDate;

use crate::fsx::FsError;

mod douyin;
pub mod formats;
pub mod independent;
mod limits;
mod rng;
mod taobao;
pub use limits::{check_spec, not_sample_data};
pub use rng::Rng;

/// The header line of the generated `orders.csv`.
pub const ORDERS_HEADER: &str = "order_id,sku,quantity,platform,ordered_at,promised_ship_by,shipped_at,status,delay_cause,detected_at,notified_at,resolution,amount";
/// The header line of the generated `stock.csv`.
pub const STOCK_HEADER: &str = "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier";

/// What to generate.
#[derive(Debug, Clone)]
pub struct SampleSpec {
    /// Number of order lines.
    pub orders: u64,
    /// Random seed.
    pub seed: u64,
    /// Number of weeks covered.
    pub weeks: u32,
    /// Last day with orders (local dates; the data is "exported" the next midnight).
    pub end: NaiveDate,
    /// Write the orders in a platform's export shape instead of orders.csv.
    pub preset: Option<formats::Shape>,
}

impl SampleSpec {
    /// The committed sample: 20,000 lines over 10 weeks ending 2026-11-23, so the default
    /// report week is 2026-W47.
    pub fn default_sample() -> Self {
        SampleSpec {
            orders: 20_000,
            seed: 1,
            weeks: 10,
            end: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
            preset: None,
        }
    }
}

/// Platforms: key, order id prefix, share, promise hours, writes `promised_ship_by`.
const PLATFORMS: [(&str, &str, f64, i64, bool); 4] = [
    ("douyin", "DY", 0.40, 48, false),
    ("pinduoduo", "PDD", 0.25, 48, true),
    ("taobao", "TB", 0.25, 48, false),
    ("tiktok_shop", "TT", 0.10, 72, true),
];

/// Cause codes of the sample catalogue: weight among delays, delay hours (min, max).
const CAUSES: [(&str, f64, f64, f64); 11] = [
    ("stockout", 0.20, 20.0, 110.0),
    ("supplier_out_of_stock", 0.06, 40.0, 150.0),
    ("stock_sync_delay", 0.05, 12.0, 60.0),
    ("hot_item_sellout", 0.05, 24.0, 96.0),
    ("logistics", 0.16, 10.0, 72.0),
    ("order_error", 0.07, 2.0, 30.0),
    ("production", 0.07, 24.0, 120.0),
    ("system_failure", 0.05, 3.0, 20.0),
    ("supplier_delay", 0.11, 30.0, 160.0),
    ("wrong_tracking", 0.08, 4.0, 28.0),
    ("carrier_no_scan", 0.10, 6.0, 40.0),
];

const SKUS: usize = 120;
const COLORS: [&str; 8] = [
    "白色", "黑色", "粉色", "蓝色", "灰色", "米色", "绿色", "红色",
];
const ITEMS: [(&str, f64); 15] = [
    ("保温杯", 59.0),
    ("陶瓷马克杯", 29.0),
    ("帆布包", 39.0),
    ("手机壳", 19.9),
    ("数据线", 15.9),
    ("蓝牙耳机", 129.0),
    ("收纳盒", 25.0),
    ("桌面台灯", 89.0),
    ("加湿器", 99.0),
    ("毛绒抱枕", 49.0),
    ("棉袜五双装", 29.9),
    ("洗脸巾", 19.9),
    ("便携风扇", 45.0),
    ("雨伞", 39.9),
    ("香薰蜡烛", 35.0),
];
const SUPPLIERS: [&str; 6] = [
    "义乌市佳美日用品厂",
    "深圳市鑫达电子有限公司",
    "宁波市永盛家居用品厂",
    "广州市悦享纺织有限公司",
    "东莞市恒通塑胶制品厂",
    "杭州市青禾贸易有限公司",
];

/// Stock actions the trouble SKUs are set up for: (SKU rank, restock in days or none).
const TROUBLE: [(usize, Option<i64>); 6] = [
    (1, Some(5)),
    (6, Some(12)),
    (11, Some(1)),
    (19, None),
    (32, Some(10)),
    (45, Some(4)),
];

/// One SKU: name, price, supplier, demand weight.
#[derive(Debug, Clone)]
struct Sku {
    id: String,
    name: String,
    price: f64,
    supplier: &'static str,
    lead_days: u32,
    trouble: Option<Option<i64>>,
}

/// What the stock file needs to know about each SKU's orders.
#[derive(Debug, Clone, Default)]
struct SkuState {
    demand_30d: u64,
    backlog: u64,
}

fn skus(rng: &mut Rng) -> (Vec<Sku>, Vec<f64>) {
    let mut list = Vec::with_capacity(SKUS);
    let mut cumulative = Vec::with_capacity(SKUS);
    let mut total = 0.0;
    for i in 0..SKUS {
        let (item, base) = ITEMS[i % ITEMS.len()];
        let color = COLORS[(i / ITEMS.len()) % COLORS.len()];
        let price = (base * rng.range(0.8, 1.3) * 10.0).round() / 10.0;
        // Long tail: Zipf-like weights, with three hot items well above the rest.
        let mut w = 1.0 / ((i + 1) as f64).powf(1.05);
        if i < 3 {
            w *= 2.5;
        }
        total += w;
        cumulative.push(total);
        list.push(Sku {
            id: format!("SKU-{:03}", i + 1),
            name: format!("{color}{item}"),
            price,
            supplier: SUPPLIERS[i % SUPPLIERS.len()],
            lead_days: [5, 7, 7, 10, 14, 15][i % 6],
            trouble: TROUBLE.iter().find(|(r, _)| *r == i).map(|(_, eta)| *eta),
        });
    }
    (list, cumulative)
}

/// Writes the order export(s) and the stock file into `dir`: `orders.csv` and
/// `stock.csv`, or with a preset the platform's own files (see [`formats`]). Returns
/// the files written.
pub fn write_files(spec: &SampleSpec, dir: &Path) -> Result<Vec<std::path::PathBuf>, FsError> {
    std::fs::create_dir_all(dir).map_err(|e| FsError::new("cannot create folder", dir, e))?;
    let mut rng = Rng::new(spec.seed);
    let (skus, weights) = skus(&mut rng);
    let mut generator = Generator::new(spec, &skus, &weights, rng);
    let mut sink = formats::sink(spec.preset, spec.end);
    let paths: Vec<std::path::PathBuf> = sink.files().iter().map(|n| dir.join(n)).collect();
    let mut outs = Vec::new();
    for path in &paths {
        let file =
            std::fs::File::create(path).map_err(|e| FsError::new("cannot write", path, e))?;
        outs.push(std::io::BufWriter::with_capacity(1 << 20, file));
    }
    let result = {
        let mut refs: Vec<&mut dyn std::io::Write> = outs
            .iter_mut()
            .map(|o| o as &mut dyn std::io::Write)
            .collect();
        generator.write_orders(sink.as_mut(), &mut refs)
    };
    result
        .and_then(|()| outs.iter_mut().try_for_each(std::io::Write::flush))
        .map_err(|e| FsError::new("cannot write", dir, e))?;
    let stock = sink.stock_file(&generator.stock_rows());
    let stock_path = dir.join("stock.csv");
    crate::fsx::write(&stock_path, &stock)?;
    let mut written = paths;
    written.push(stock_path);
    Ok(written)
}

/// Minutes since 1970-01-01 00:00 (naive local time).
pub type Minutes = i64;

struct Generator<'a> {
    spec: &'a SampleSpec,
    skus: &'a [Sku],
    weights: &'a [f64],
    rng: Rng,
    state: Vec<SkuState>,
    /// Midnight starting the day after `end`: when the data was exported.
    export: Minutes,
    /// Midnight starting `end`: the report's as_of for the default week.
    as_of: Minutes,
    causes_cum: Vec<f64>,
    platforms_cum: Vec<f64>,
}

fn midnight(d: NaiveDate) -> Minutes {
    crate::ingest::timestamp::day_of_date(d) * 1440
}

impl<'a> Generator<'a> {
    fn new(spec: &'a SampleSpec, skus: &'a [Sku], weights: &'a [f64], rng: Rng) -> Self {
        let cum = |xs: &mut dyn Iterator<Item = f64>| {
            let mut t = 0.0;
            xs.map(|x| {
                t += x;
                t
            })
            .collect::<Vec<f64>>()
        };
        Generator {
            spec,
            skus,
            weights,
            rng,
            state: vec![SkuState::default(); skus.len()],
            export: midnight(spec.end) + 1440,
            as_of: midnight(spec.end),
            causes_cum: cum(&mut CAUSES.iter().map(|c| c.1)),
            platforms_cum: cum(&mut PLATFORMS.iter().map(|p| p.2)),
        }
    }

    /// Relative order volume of a day: weekly rhythm plus the 11-11 promotion.
    fn day_weight(day: NaiveDate) -> f64 {
        use chrono::Datelike;
        let week = match day.weekday() {
            chrono::Weekday::Sat | chrono::Weekday::Sun => 1.3,
            chrono::Weekday::Mon => 0.9,
            _ => 1.0,
        };
        let promo = match (day.month(), day.day()) {
            (11, 10) => 1.8,
            (11, 11) => 3.5,
            (11, 12) => 1.5,
            _ => 1.0,
        };
        week * promo
    }

    fn write_orders(
        &mut self,
        sink: &mut dyn formats::Sink,
        out: &mut [&mut dyn std::io::Write],
    ) -> std::io::Result<()> {
        sink.header(out)?;
        let days = i64::from(self.spec.weeks.max(1)) * 7;
        let first = self.spec.end - chrono::Duration::days(days - 1);
        let dates: Vec<NaiveDate> = (0..days)
            .map(|i| first + chrono::Duration::days(i))
            .collect();
        let total_w: f64 = dates.iter().map(|d| Self::day_weight(*d)).sum();
        let mut written = 0u64;
        let mut carried = 0.0;
        let mut order_no = 0u64;
        for (i, day) in dates.iter().enumerate() {
            let exact = self.spec.orders as f64 * Self::day_weight(*day) / total_w + carried;
            let mut n = exact.floor() as u64;
            carried = exact - n as f64;
            if i + 1 == dates.len() {
                n = self.spec.orders - written;
            }
            let mut left = n;
            while left > 0 {
                order_no += 1;
                let mut lines =
                    (1 + u64::from(self.rng.chance(0.18)) + u64::from(self.rng.chance(0.05)))
                        .min(left);
                if sink.single_line_orders() {
                    lines = 1;
                }
                let order = self.order(*day, order_no, lines, sink.platform());
                sink.order(&order, out)?;
                left -= lines;
            }
            written += n;
        }
        Ok(())
    }

    /// One order of `lines` lines, on `platform` (or a random one).
    fn order(
        &mut self,
        day: NaiveDate,
        order_no: u64,
        lines: u64,
        platform: Option<usize>,
    ) -> Vec<formats::Line> {
        let p = platform.unwrap_or_else(|| self.rng.pick(&self.platforms_cum));
        // Evening-heavy time of day.
        let hour = [8.0, 10.0, 12.0, 14.0, 19.0, 20.0, 21.0, 22.0]
            [self.rng.pick(&[1.0, 2.0, 3.2, 4.2, 5.6, 7.2, 8.8, 10.0])];
        let minute = (hour * 60.0 + self.rng.range(0.0, 120.0)) as i64;
        let ordered = midnight(day) + minute.min(1439);
        let order_id = format!("{}{:010}", PLATFORMS[p].1, 2_611_000_000u64 + order_no);
        let mut used = Vec::new();
        let mut out = Vec::new();
        for _ in 0..lines {
            let mut s = self.rng.pick(self.weights);
            // An order never has the same SKU twice.
            while used.contains(&s) {
                s = (s + 1) % self.skus.len();
            }
            used.push(s);
            out.push(self.line(&order_id, order_no, s, p, ordered));
        }
        out
    }
}

/// The fate of one line, decided before it is written.
#[derive(Debug, Default, Clone)]
pub struct Fate {
    /// When it shipped (before the export), if it did.
    pub shipped: Option<Minutes>,
    /// `open`, `shipped`, `cancelled` or `refunded`.
    pub status: &'static str,
    /// Cause code, or empty.
    pub cause: &'static str,
    /// When the problem was found.
    pub detected: Option<Minutes>,
    /// When the buyer was told.
    pub notified: Option<Minutes>,
    /// How it was resolved.
    pub resolution: &'static str,
}

impl Generator<'_> {
    fn line(
        &mut self,
        order_id: &str,
        order_no: u64,
        s: usize,
        p: usize,
        ordered: Minutes,
    ) -> formats::Line {
        let qty = 1 + u64::from(self.rng.chance(0.15)) + u64::from(self.rng.chance(0.04));
        let (platform, _, _, promise, writes_deadline) = PLATFORMS[p];
        let deadline = ordered + promise * 60;
        let fate = self.fate(s, ordered, deadline);
        self.track(s, ordered, qty, &fate);
        let sku = &self.skus[s];
        formats::Line {
            order_id: order_id.to_string(),
            order_no,
            sku: sku.id.clone(),
            name: sku.name.clone(),
            price: sku.price,
            qty,
            platform,
            ordered,
            deadline,
            writes_deadline,
            amount: sku.price * qty as f64,
            fate,
        }
    }

    fn track(&mut self, s: usize, ordered: Minutes, qty: u64, fate: &Fate) {
        let st = &mut self.state[s];
        let buyer_cancelled = fate.status == "cancelled" && fate.cause.is_empty();
        if !buyer_cancelled && ordered < self.as_of && ordered >= self.as_of - 30 * 1440 {
            st.demand_30d += qty;
        }
        if fate.shipped.is_none() && fate.status == "open" && ordered < self.as_of {
            st.backlog += qty;
        }
    }

    fn fate(&mut self, s: usize, ordered: Minutes, deadline: Minutes) -> Fate {
        if self.rng.chance(0.03) {
            let status = if self.rng.chance(0.5) {
                "cancelled"
            } else {
                "refunded"
            };
            return Fate {
                status,
                ..Fate::default()
            };
        }
        let trouble = self.skus[s].trouble.is_some() && ordered > self.as_of - 8 * 1440;
        if trouble && self.rng.chance(0.6) {
            return self.stockout(ordered, deadline);
        }
        if self.rng.chance(0.86) {
            let ship = ordered + (self.rng.range(0.1, 0.9) * (deadline - ordered) as f64) as i64;
            return self.shipped(ship, "", None, None);
        }
        let c = self.rng.pick(&self.causes_cum);
        let (code, _, lo, hi) = CAUSES[c];
        let ship = deadline + (self.rng.range(lo, hi) * 60.0) as i64;
        let detected = deadline - (self.rng.range(-12.0, 24.0) * 60.0) as i64;
        let notified = self.notification(detected);
        let cause = if self.rng.chance(0.12) { "" } else { code };
        let detected = (!cause.is_empty() && self.rng.chance(0.8)).then_some(detected.max(ordered));
        self.shipped(ship, cause, detected, notified)
    }

    /// Buyers are told 20 min–2 h after detection, sometimes late, sometimes never.
    fn notification(&mut self, detected: Minutes) -> Option<Minutes> {
        let r = self.rng.unit();
        if r < 0.55 {
            Some(detected + self.rng.range(20.0, 115.0) as i64)
        } else if r < 0.85 {
            Some(detected + self.rng.range(150.0, 1800.0) as i64)
        } else {
            None
        }
    }

    fn shipped(
        &mut self,
        ship: Minutes,
        cause: &'static str,
        detected: Option<Minutes>,
        notified: Option<Minutes>,
    ) -> Fate {
        let done = ship < self.export;
        Fate {
            shipped: done.then_some(ship),
            status: if done { "shipped" } else { "open" },
            cause,
            detected: detected.filter(|d| *d < self.export),
            notified: notified.filter(|n| *n < self.export),
            resolution: if done && !cause.is_empty() {
                "waited"
            } else {
                ""
            },
        }
    }

    /// A trouble SKU's line: out of stock, left open, some refunded after a while.
    fn stockout(&mut self, ordered: Minutes, deadline: Minutes) -> Fate {
        let cause = [
            "stockout",
            "stockout",
            "supplier_out_of_stock",
            "hot_item_sellout",
        ][self.rng.pick(&[1.0, 2.0, 3.0, 4.0])];
        let detected = ordered + self.rng.range(60.0, 600.0) as i64;
        let notified = self.notification(detected);
        let refunded = deadline + 24 * 60 < self.as_of && self.rng.chance(0.35);
        Fate {
            shipped: None,
            status: if refunded { "refunded" } else { "open" },
            cause,
            detected: Some(detected).filter(|d| *d < self.export),
            notified: notified.filter(|n| *n < self.export),
            resolution: if refunded { "refund" } else { "" },
        }
    }

    /// The stock file's rows, one per SKU.
    fn stock_rows(&mut self) -> Vec<formats::StockLine> {
        let mut rows = Vec::with_capacity(self.skus.len());
        for (i, sku) in self.skus.iter().enumerate() {
            let st = self.state[i].clone();
            let daily = st.demand_30d as f64 / 30.0;
            let (on_hand, incoming, eta) = match sku.trouble {
                Some(eta) => {
                    let short = (st.backlog as i64 / 3).max(1);
                    let incoming = if eta.is_some() {
                        (daily * 20.0).ceil() as i64 + 20
                    } else {
                        0
                    };
                    (st.backlog as i64 - short, incoming, eta)
                }
                None => {
                    let cover = self.rng.range(2.0, 40.0);
                    let on_hand = (daily * cover).round() as i64 + st.backlog as i64;
                    if self.rng.chance(0.25) {
                        let eta = self.rng.range(2.0, 12.0) as i64;
                        (on_hand, (daily * 14.0).ceil() as i64 + 5, Some(eta))
                    } else {
                        (on_hand, 0, None)
                    }
                }
            };
            rows.push(formats::StockLine {
                sku: sku.id.clone(),
                name: sku.name.clone(),
                on_hand,
                incoming,
                eta: eta.map(|d| (self.spec.end + chrono::Duration::days(d)).to_string()),
                lead_days: sku.lead_days,
                supplier: sku.supplier,
            });
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The same seed must give byte-identical files.
    #[test]
    fn same_seed_same_files() {
        let spec = SampleSpec {
            orders: 500,
            ..SampleSpec::default_sample()
        };
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        write_files(&spec, a.path()).unwrap();
        write_files(&spec, b.path()).unwrap();
        for f in ["orders.csv", "stock.csv"] {
            assert_eq!(
                std::fs::read(a.path().join(f)).unwrap(),
                std::fs::read(b.path().join(f)).unwrap()
            );
        }
        let text = std::fs::read_to_string(a.path().join("orders.csv")).unwrap();
        assert_eq!(text.lines().count(), 501);
    }
}
