//! The project's settings the SQL needs, as exact values: the timezone, promise hours
//! and compensation per platform, the report thresholds, and what status, platform and
//! cause values mean. [`Params::settings_digest`] fingerprints them, so that
//! `report --aggregates` can tell when the aggregates were computed under other settings.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::ingest::causes::Causes;
use crate::ingest::platform::{self, Platforms};
use crate::ingest::status::{self, Reading, Status};
use crate::ingest::timestamp::HOUR_MS;
use crate::validate::Content;

/// A platform's compensation rule as exact decimal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Rate, e.g. `0.05`.
    pub rate: String,
    /// Cap, e.g. `30`.
    pub cap: String,
}

/// What the SQL embeds from the project.
#[derive(Debug, Clone)]
pub struct Params {
    /// IANA timezone.
    pub timezone: String,
    /// Number of trend weeks before W.
    pub earlier_weeks: usize,
    /// Days of the demand window.
    pub demand_days: i64,
    /// Promise milliseconds of configured platform keys.
    pub promise_ms: Vec<(String, i64)>,
    /// Promise milliseconds of every other platform.
    pub default_promise_ms: i64,
    /// Compensation of configured platform keys.
    pub compensation: Vec<(String, Rule)>,
    /// Compensation of every other platform.
    pub default_compensation: Rule,
    /// Largest delay (ms) counted as resolved in time.
    pub resolve_ms: i64,
    /// Largest detection-to-notice time (ms) counted as in time.
    pub notify_ms: i64,
    /// At-risk horizon after `as_of` (ms).
    pub at_risk_ms: i64,
    /// At-risk rows kept.
    pub at_risk_limit: usize,
    /// Normalized status value → what it means (`o`, `s`, `c`, `r`; `u` = unpaid).
    pub statuses: BTreeMap<String, char>,
    /// Lower-cased platform name or alias → key.
    pub platforms: BTreeMap<String, String>,
    /// Lower-cased cause code, name or alias → code.
    pub causes: BTreeMap<String, String>,
}

/// `delaybook`'s own status values (normalized) and what they mean. Kept equal to
/// `ingest::status` by the test below, which reads every one back through it.
const STATUS_VALUES: &[&str] = &[
    "",
    "open",
    "待发货",
    "备货中",
    "待出库",
    "等待出库",
    "待配货",
    "已付款",
    "部分发货",
    "买家已付款,等待卖家发货",
    "等待卖家发货",
    "退款中",
    "shipped",
    "已发货",
    "已签收",
    "已收货",
    "待收货",
    "已完成",
    "完成",
    "交易成功",
    "交易完成",
    "售后中",
    "已发货,待签收",
    "已发货,待收货",
    "卖家已发货,等待买家确认",
    "等待确认收货",
    "cancelled",
    "canceled",
    "已取消",
    "取消",
    "已关闭",
    "交易关闭",
    "订单关闭",
    "refunded",
    "已退款",
    "退款成功",
    "未发货,退款成功",
    "已发货,退款成功",
    "待支付",
    "待付款",
    "未付款",
    "等待买家付款",
];

/// The one-letter code of a status reading.
pub fn status_code(r: Reading) -> char {
    match r {
        Reading::Unpaid => 'u',
        Reading::Line(Status::Open) => 'o',
        Reading::Line(Status::Shipped) => 's',
        Reading::Line(Status::Cancelled) => 'c',
        Reading::Line(Status::Refunded) => 'r',
    }
}

/// Exact decimal text of a config number, at most nine decimals.
fn decimal_text(v: f64) -> String {
    let s = format!("{v:.9}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn hours_ms(hours: f64) -> f64 {
    hours * HOUR_MS as f64
}

impl Params {
    /// The parameters of a project.
    pub fn new(config: &Config, content: &Content) -> Self {
        let r = &config.report;
        let rule = |key: &str| {
            let c = config.compensation(key);
            Rule {
                rate: decimal_text(c.rate),
                cap: decimal_text(c.cap),
            }
        };
        // A key that matches no lower-cased platform value never applies; it is kept
        // anyway, as the streaming path keeps it.
        let keys: Vec<&String> = config.platforms.keys().collect();
        Params {
            timezone: config.tz().name().to_string(),
            earlier_weeks: r.trend_weeks.max(1) - 1,
            demand_days: r.demand_window_days.clamp(1, 3660),
            promise_ms: keys
                .iter()
                .map(|k| {
                    let ms = hours_ms(config.promise_hours(k)).round() as i64;
                    ((*k).clone(), ms)
                })
                .collect(),
            default_promise_ms: hours_ms(config.default_platform.promise_hours).round() as i64,
            compensation: keys.iter().map(|k| ((*k).clone(), rule(k))).collect(),
            default_compensation: Rule {
                rate: decimal_text(config.default_platform.compensation.rate),
                cap: decimal_text(config.default_platform.compensation.cap),
            },
            resolve_ms: hours_ms(r.resolve_within_hours).floor() as i64,
            notify_ms: hours_ms(r.notify_within_hours).floor() as i64,
            at_risk_ms: hours_ms(r.at_risk_hours).round() as i64,
            at_risk_limit: r.at_risk_limit,
            statuses: statuses(config),
            platforms: platforms(config),
            causes: causes(content),
        }
    }

    /// A fingerprint of everything above (FNV-1a, 64 bits, hex): equal settings give
    /// equal digests on every machine.
    pub fn settings_digest(&self) -> String {
        let text = format!("{self:?}");
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}

fn statuses(config: &Config) -> BTreeMap<String, char> {
    let table = status::Statuses::new(&config.status_map);
    let mut out = BTreeMap::new();
    let configured = config
        .status_map
        .keys()
        .map(|k| status::normalize(k).into_owned());
    for value in STATUS_VALUES
        .iter()
        .map(|v| (*v).to_string())
        .chain(configured)
    {
        if let Some(r) = table.read(&value) {
            out.insert(value, status_code(r));
        }
    }
    out
}

fn platforms(config: &Config) -> BTreeMap<String, String> {
    let p = Platforms::new(config);
    let mut names: Vec<String> = Vec::new();
    for (key, entry) in &config.platforms {
        names.push(key.clone());
        names.push(entry.name.clone());
        names.extend(entry.aliases.iter().cloned());
    }
    for (key, aliases) in platform::BUILT_IN {
        names.push((*key).to_string());
        names.extend(aliases.iter().map(|a| (*a).to_string()));
    }
    names
        .into_iter()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .filter_map(|n| {
            let (key, known) = p.key(&n);
            known.then_some((n, key.into()))
        })
        .collect()
}

fn causes(content: &Content) -> BTreeMap<String, String> {
    let index = Causes::new(
        content
            .causes
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str(), c.aliases.as_slice())),
    );
    let mut out = BTreeMap::new();
    for c in &content.causes {
        let names = std::iter::once(&c.id)
            .chain(std::iter::once(&c.name))
            .chain(c.aliases.iter());
        for n in names {
            let n = n.trim().to_lowercase();
            if n.is_empty() {
                continue;
            }
            if let Some(code) = index.code(&n) {
                out.insert(n, code.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every built-in status value means here what it means to the streaming path, and
    // status_map entries win over them.
    #[test]
    fn status_values_agree_with_ingest() {
        let mut config = Config::default();
        config
            .status_map
            .insert(" Delivered ".to_string(), "shipped".to_string());
        config
            .status_map
            .insert("已关闭".to_string(), "refunded".to_string());
        let p = statuses(&config);
        let table = status::Statuses::new(&config.status_map);
        for v in STATUS_VALUES {
            let want = table.read(v).map(status_code);
            assert_eq!(p.get(*v).copied(), want, "{v}");
        }
        assert_eq!(p.get("delivered"), Some(&'s'));
        assert_eq!(p.get("已关闭"), Some(&'r'));
        assert_eq!(p.get("待支付"), Some(&'u'));
    }

    // Config numbers become exact decimal text.
    #[test]
    fn decimals_are_exact_text() {
        assert_eq!(decimal_text(0.05), "0.05");
        assert_eq!(decimal_text(30.0), "30");
        assert_eq!(decimal_text(0.1), "0.1");
        assert_eq!(decimal_text(0.0), "0");
    }
}
