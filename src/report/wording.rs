//! How the report speaks to people: names instead of codes (causes, actions, platforms,
//! playbooks), dates as people write them ("11月28日"), the week with its dates
//! ("2026年第47周（11月16日–11月22日）"), durations ("已超时134小时"), money ("103.00元"),
//! week-over-week changes and targets, and the one-line sentence of each priority.
//!
//! Every string comes from the theme's interface strings (`i18n/*.yaml`) in the site's
//! language, so the page, `report.md` and `actions.csv` say the same thing the same
//! way. `report.json` never goes through here: it keeps the contract's codes.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::change::{Change, Dir, Target};
use super::priorities::{Kind, Priority, TRIAGE, UNATTRIBUTED};
use super::types::{Action, Report, StockRec};
use crate::config::Config;
use crate::validate::Content;

/// Names and formats for one language; built once per report.
pub struct Words<'a> {
    t: &'a dyn Fn(&str) -> String,
    causes: BTreeMap<String, String>,
    playbooks: BTreeMap<String, String>,
    platforms: BTreeMap<String, String>,
    has_triage: bool,
}

impl<'a> Words<'a> {
    /// The words of a project: `t` looks up interface strings in the site's language.
    pub fn new(t: &'a dyn Fn(&str) -> String, content: &Content, config: &Config) -> Self {
        Words {
            t,
            causes: content
                .causes
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            playbooks: content
                .playbooks
                .iter()
                .map(|p| (p.id.clone(), p.title.clone()))
                .collect(),
            platforms: config
                .platforms
                .iter()
                .filter(|(_, p)| !p.name.is_empty())
                .map(|(k, p)| (k.clone(), p.name.clone()))
                .collect(),
            has_triage: content.triage.is_some(),
        }
    }

    /// The page of a playbook id, relative to the site root: `playbooks/<id>.html`, or for
    /// `triage` the home page's triage helper (the home page itself when the project has
    /// none, so the link never points at a missing anchor).
    pub fn playbook_page(&self, id: &str) -> String {
        match id {
            crate::report::priorities::TRIAGE if self.has_triage => "index.html#triage".to_string(),
            crate::report::priorities::TRIAGE => "index.html".to_string(),
            _ => format!("playbooks/{id}.html"),
        }
    }

    /// Words without a project (formats only: dates, weeks, durations, money).
    pub fn bare(t: &'a dyn Fn(&str) -> String) -> Self {
        Words {
            t,
            causes: BTreeMap::new(),
            playbooks: BTreeMap::new(),
            platforms: BTreeMap::new(),
            has_triage: false,
        }
    }

    /// The interface string `key`.
    pub fn t(&self, key: &str) -> String {
        (self.t)(key)
    }

    /// The interface string `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// A cause's name: from the catalogue; `unattributed` → 未标注原因; an unknown code as
    /// written in the data.
    pub fn cause(&self, code: &str) -> String {
        if code.is_empty() || code == UNATTRIBUTED {
            return self.t("report_unattributed");
        }
        self.causes
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    /// An action's name (下架, 改预售 …).
    pub fn action(&self, a: Action) -> String {
        self.t(&format!("action_{}", a.key()))
    }

    /// A platform's name: `platforms.<key>.name`, else the built-in name (抖音 …), else
    /// the key as written in the data.
    pub fn platform(&self, key: &str) -> String {
        if let Some(name) = self.platforms.get(key) {
            return name.clone();
        }
        let builtin = format!("platform_{key}");
        let name = self.t(&builtin);
        if name == builtin {
            key.to_string()
        } else {
            name
        }
    }

    /// A playbook's title, or the triage helper's name for `triage`.
    pub fn playbook(&self, id: &str) -> String {
        if id == TRIAGE {
            return self.t("report_triage");
        }
        self.playbooks
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// How a playbook is referred to in a sentence: `《下单后发现缺货》`, or the triage
    /// helper's name (it is not a playbook title).
    pub fn playbook_ref(&self, id: &str) -> String {
        if id == TRIAGE {
            return self.playbook(id);
        }
        self.fill("prio_follow", &[("title", &self.playbook(id))])
    }

    /// `2026-11-28` → `11月28日` (`28 Nov`); anything else unchanged.
    pub fn date(&self, iso: &str) -> String {
        match NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d") {
            Ok(d) => self.day(d),
            Err(_) => iso.to_string(),
        }
    }

    fn day(&self, d: NaiveDate) -> String {
        let months = self.t("fmt_months");
        let month = months
            .split_whitespace()
            .nth(d.month0() as usize)
            .map_or_else(|| d.month().to_string(), str::to_string);
        self.fill(
            "fmt_date",
            &[("mon", month.as_str()), ("d", &d.day().to_string())],
        )
    }

    /// `2026-W47` → `2026年第47周（11月16日–11月22日）`.
    pub fn week(&self, week: &str) -> String {
        let Some((year, n, monday)) = parse_week(week) else {
            return week.to_string();
        };
        let sunday = monday + chrono::Duration::days(6);
        self.fill(
            "fmt_week",
            &[
                ("year", &year.to_string()),
                ("week", &n.to_string()),
                ("from", &self.day(monday)),
                ("to", &self.day(sunday)),
            ],
        )
    }

    /// `2026-W47` → `第47周` (for narrow places: table rows, chart axes).
    pub fn week_short(&self, week: &str) -> String {
        match parse_week(week) {
            Some((_, n, _)) => self.fill("fmt_week_short", &[("week", &n.to_string())]),
            None => week.to_string(),
        }
    }

    /// The dates of a week, `11月16日–11月22日`.
    pub fn week_dates(&self, week: &str) -> String {
        match parse_week(week) {
            Some((_, _, monday)) => format!(
                "{}–{}",
                self.day(monday),
                self.day(monday + chrono::Duration::days(6))
            ),
            None => String::new(),
        }
    }

    /// An RFC 3339 local time → `11月23日 00:00`.
    pub fn time(&self, rfc3339: &str) -> String {
        let hm = rfc3339.get(11..16).unwrap_or("");
        format!("{} {hm}", self.date(rfc3339)).trim().to_string()
    }

    /// Hours to a deadline: `已超时134小时` when negative, `还剩3小时` otherwise.
    pub fn hours_left(&self, h: f64) -> String {
        let n = h.abs().round();
        match (h < 0.0, n < 1.0) {
            (true, true) => self.t("fmt_overdue_lt1"),
            (true, false) => self.fill("fmt_overdue", &[("h", &format!("{n:.0}"))]),
            (false, true) => self.t("fmt_left_lt1"),
            (false, false) => self.fill("fmt_left", &[("h", &format!("{n:.0}"))]),
        }
    }

    /// An amount in the shop currency: `103.00元`.
    pub fn money(&self, x: f64) -> String {
        self.fill("fmt_money", &[("x", &format!("{x:.2}"))])
    }

    /// A SKU with its product name, `SKU-002 白色陶瓷马克杯`.
    pub fn item(sku: &str, name: &str) -> String {
        if name.is_empty() {
            sku.to_string()
        } else {
            format!("{sku} {name}")
        }
    }

    /// The restock date of a stock row: `restock_eta`, else `as_of` + `eta_days`.
    fn restock_date(&self, s: &StockRec, as_of: &str) -> String {
        if let Some(d) = &s.restock_eta {
            return self.date(d);
        }
        let base = NaiveDate::parse_from_str(as_of.get(..10).unwrap_or(""), "%Y-%m-%d");
        // Checked: a lead time of a hundred million days must not end the program.
        let date = base
            .ok()
            .zip(s.eta_days)
            .and_then(|(b, n)| b.checked_add_signed(chrono::TimeDelta::try_days(n)?));
        date.map_or_else(String::new, |d| self.day(d))
    }

    /// The sentence of one priority, without the playbook:
    /// `SKU-002 白色陶瓷马克杯 改预售：179位买家在等，补货日期11月28日`.
    pub fn priority(&self, p: &Priority, r: &Report) -> String {
        if p.kind == Kind::Cause {
            let code = p.cause.as_deref().unwrap_or(UNATTRIBUTED);
            return self.fill(
                "prio_cause",
                &[
                    ("cause", &self.cause(code)),
                    ("lines", &p.waiting.to_string()),
                    ("overdue", &self.hours_left(-p.wait_days * 24.0)),
                    ("late", &p.late_lines.unwrap_or(0).to_string()),
                ],
            );
        }
        let sku = p.sku.as_deref().unwrap_or("");
        let Some(s) = r.stock.iter().find(|s| s.sku == sku) else {
            return sku.to_string();
        };
        let date = self.restock_date(s, &r.as_of);
        self.fill(
            &format!("prio_{}", p.kind.key()),
            &[
                ("item", &Words::item(&s.sku, &s.name)),
                ("buyers", &s.buyers_waiting.to_string()),
                ("date", &date),
                ("days", &s.eta_days.unwrap_or(0).to_string()),
                ("qty", &s.restock_qty.to_string()),
                ("short", &p.waiting.to_string()),
            ],
        )
    }

    /// What to do about a SKU, in a sentence with its numbers.
    pub fn what_to_do(&self, s: &StockRec, as_of: &str) -> String {
        let date = match &s.ship_date {
            Some(d) => self.date(d),
            None => self.restock_date(s, as_of),
        };
        self.fill(
            &format!("do_{}", s.action.key()),
            &[("date", &date), ("qty", &s.restock_qty.to_string())],
        )
    }
}

impl Words<'_> {
    /// The interface-string lookup, for code that takes a plain `t`.
    pub fn lookup(&self) -> &dyn Fn(&str) -> String {
        self.t
    }

    /// "比上周 ▲6.0个百分点" (rates), "比上周 ▼33" (counts), "比上周 ▲3.5小时" (hours) or
    /// "比上周 ▼12.50元" (money), by the unit of tile `key`.
    pub fn change(&self, c: &Change, key: &str) -> String {
        let amount = self.amount(c.delta.abs(), key, true);
        match c.dir {
            Dir::Up => self.fill("wow_up", &[("d", &amount)]),
            Dir::Down => self.fill("wow_down", &[("d", &amount)]),
            Dir::Same => self.t("wow_same"),
        }
    }

    /// A figure of tile `key` (a change when `delta`: rates in points) as shown.
    fn amount(&self, v: f64, key: &str, delta: bool) -> String {
        use super::change::Unit;
        match super::change::unit(key) {
            Unit::Rate if delta => self.fill("wow_points", &[("n", &format!("{v:.1}"))]),
            Unit::Rate => super::export::pct(v),
            Unit::Count => format!("{v:.0}"),
            Unit::Hours => self.fill("fmt_hours", &[("h", &trim_number(v))]),
            Unit::Money => self.money(v),
        }
    }

    /// A comparison with last week as one phrase: "比上周 ▲6.0个百分点（上周14.9%）",
    /// "上周没有到期订单，无法比较" or "发货时间未知，无法与上周比较".
    pub fn comparison(&self, c: &super::change::Comparison, key: &str) -> String {
        use super::change::Comparison;
        match c {
            Comparison::Changed(c) => format!(
                "{}{}{}{}",
                self.change(c, key),
                self.t("report_paren_open"),
                self.previous(c, key),
                self.t("report_paren_close")
            ),
            Comparison::NothingDueLastWeek => self.t("wow_none"),
            Comparison::Unknown => self.t("wow_unknown"),
            Comparison::NoDelayedLastWeek => self.t("wow_no_delayed"),
            Comparison::NoDelaysLastWeek => self.t("wow_no_delays"),
            Comparison::NoDetectedLastWeek => self.t("wow_no_detected"),
            Comparison::NoFigure => self.t("wow_no_figure"),
        }
    }

    /// "上周14.9%" (rates), "上周417" (counts), "上周48小时", "上周30.00元".
    pub fn previous(&self, c: &Change, key: &str) -> String {
        let v = self.amount(c.previous, key, false);
        self.fill("wow_prev", &[("v", &v)])
    }

    /// The size of an at-risk group: "120单" when all are listed, "共230单，列出前50单"
    /// when the list is cut inside it, "共12单，均在列表之外" when none is listed.
    pub fn risk_group_count(&self, g: &super::priorities::RiskGroup<'_>) -> String {
        let shown = g.rows.len() as u64;
        let key = if shown >= g.count {
            "report_risk_group"
        } else if shown == 0 {
            "report_risk_group_unlisted"
        } else {
            "report_risk_group_listed"
        };
        self.fill(
            key,
            &[("n", &g.count.to_string()), ("shown", &shown.to_string())],
        )
    }

    /// "目标 ≤ 4.0%": the target of tile `key`, its limit shown like the figure.
    pub fn target(&self, key: &str, t: &Target) -> String {
        let shown = if super::change::is_rate(key) {
            super::export::pct(t.limit)
        } else if key == "report_p90" {
            self.fill("fmt_hours", &[("h", &trim_number(t.limit))])
        } else if key == "report_compensation" {
            self.money(t.limit)
        } else {
            trim_number(t.limit)
        };
        let which = if t.max { "target_max" } else { "target_min" };
        self.fill(which, &[("v", &shown)])
    }
}

/// A number for people: one decimal at most, none when whole (`72`, `3.5`).
pub fn trim_number(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0")
        .map_or_else(|| s.clone(), str::to_string)
}

/// `2026-W47` → (2026, 47, its Monday).
fn parse_week(week: &str) -> Option<(i32, u32, NaiveDate)> {
    let (y, w) = week.split_once("-W")?;
    let (year, n): (i32, u32) = (y.parse().ok()?, w.parse().ok()?);
    Some((
        year,
        n,
        NaiveDate::from_isoywd_opt(year, n, chrono::Weekday::Mon)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(key: &str) -> String {
        match key {
            "fmt_months" => "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月".into(),
            "fmt_date" => "{mon}{d}日".into(),
            "fmt_week" => "{year}年第{week}周（{from}–{to}）".into(),
            "fmt_overdue" => "已超时{h}小时".into(),
            "fmt_overdue_lt1" => "已超时不到1小时".into(),
            "fmt_left" => "还剩{h}小时".into(),
            "fmt_left_lt1" => "还剩不到1小时".into(),
            "fmt_money" => "{x}元".into(),
            other => other.into(),
        }
    }

    // The week header, dates, durations and money as a Chinese reader writes them.
    #[test]
    fn formats_like_a_person_writes() {
        let w = Words::new(&zh, &Content::default(), &Config::default());
        assert_eq!(w.week("2026-W47"), "2026年第47周（11月16日–11月22日）");
        // A week across the new year keeps each day's own month.
        assert_eq!(w.week("2026-W01"), "2026年第1周（12月29日–1月4日）");
        assert_eq!(w.date("2026-11-28"), "11月28日");
        assert_eq!(w.time("2026-11-23T00:00:00+08:00"), "11月23日 00:00");
        assert_eq!(w.hours_left(-134.2166), "已超时134小时");
        assert_eq!(w.hours_left(-0.3), "已超时不到1小时");
        assert_eq!(w.hours_left(2.6), "还剩3小时");
        assert_eq!(w.money(103.0), "103.00元");
        assert_eq!(w.week("garbage"), "garbage");
    }

    // A platform without a configured or built-in name stays as written in the data.
    #[test]
    fn platform_names_fall_back_to_the_key() {
        let t = |k: &str| match k {
            "platform_douyin" => "抖音".to_string(),
            other => other.to_string(),
        };
        let w = Words::new(&t, &Content::default(), &Config::default());
        assert_eq!(w.platform("douyin"), "抖音");
        assert_eq!(w.platform("shopee"), "shopee");
    }
}
