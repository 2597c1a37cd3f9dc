//! Problems about references found once all rows are read: unknown cause and platform
//! values, SKUs missing from stock.csv (or that lost their leading zeros in Excel), and
//! optional columns no order file has. One problem each, at its first used line.

use std::collections::BTreeMap;

use super::accum::Acc;
use super::quality::Problems;
use super::scan::{Source, leading_zero_twin};
use crate::ingest::causes::Causes;
use crate::ingest::plan::Plan;
use crate::ingest::platform::Platforms;
use crate::ingest::stock::StockRow;
use crate::ingest::{Kind, Problem, shown_value};

/// What the reference problems need to be placed and explained.
pub struct Refs<'a> {
    /// The planned order files.
    pub plan: &'a Plan,
    /// Per file: (header, field) of `sku` and of `delay_cause`.
    pub columns: &'a [[(String, usize); 2]],
    /// stock.csv.
    pub stock: &'a Source,
    /// Its rows.
    pub stock_rows: &'a BTreeMap<String, StockRow>,
    /// Cause names.
    pub causes: &'a Causes,
    /// Platform names.
    pub platforms: &'a Platforms,
}

impl Refs<'_> {
    /// Pushes every reference problem.
    pub fn problems(&self, acc: &Acc, problems: &mut Problems) {
        self.unknown_causes(acc, problems);
        self.unknown_platforms(acc, problems);
        self.overflow(acc, problems);
        self.missing_skus(acc, problems);
        self.absent_columns(problems);
    }

    fn file(&self, fi: usize) -> &str {
        self.plan
            .lines
            .get(fi)
            .map_or("", |p| p.source.shown.as_str())
    }

    fn unknown_causes(&self, acc: &Acc, problems: &mut Problems) {
        for (code, ((fi, line), n)) in &acc.unknown.causes {
            let closest = self.causes.closest(code);
            let hint = closest
                .as_ref()
                .map(|(name, _)| crate::tr_report!("row.suggestion", word = name))
                .unwrap_or_default();
            let (header, field) = &self.columns[*fi][1];
            let message = crate::tr_report!(
                if *n == 1 {
                    "row.unknown_cause_one"
                } else {
                    "row.unknown_cause"
                },
                value = shown_value(code),
                n = n,
                hint = hint
            );
            problems.push(
                Problem::new(
                    Kind::UnknownCause,
                    self.file(*fi),
                    *line,
                    (header, *field),
                    message,
                )
                .with_value(code)
                .with_suggestion(closest),
            );
        }
    }

    /// Lines with unknown values beyond the distinct values kept: one problem each kind.
    fn overflow(&self, acc: &Acc, problems: &mut Problems) {
        let Some(first) = self.plan.lines.first() else {
            return;
        };
        for (n, kind, key) in [
            (
                acc.unknown.overflow[0],
                Kind::UnknownCause,
                "row.overflow_cause",
            ),
            (
                acc.unknown.overflow[1],
                Kind::UnknownPlatform,
                "row.overflow_platform",
            ),
        ] {
            if n > 0 {
                let message = crate::tr_report!(key, n = n, max = super::accum::MAX_UNKNOWN_VALUES);
                problems.push(Problem::new(kind, &first.source.shown, 1, ("", 0), message));
            }
        }
    }

    fn unknown_platforms(&self, acc: &Acc, problems: &mut Problems) {
        for (value, ((fi, line), n)) in &acc.unknown.platforms {
            let closest = self.platforms.closest(value);
            let hint = closest
                .as_ref()
                .map(|(name, _)| crate::tr_report!("row.suggestion", word = name))
                .unwrap_or_default();
            let p = &self.plan.lines[*fi];
            let column = (p.map.header(3), p.map.get(3).map_or(0, |i| i + 1));
            let message = crate::tr_report!(
                if *n == 1 {
                    "row.unknown_platform_one"
                } else {
                    "row.unknown_platform"
                },
                value = shown_value(value),
                n = n,
                hint = hint
            );
            problems.push(
                Problem::new(
                    Kind::UnknownPlatform,
                    self.file(*fi),
                    *line,
                    column,
                    message,
                )
                .with_value(value)
                .with_suggestion(closest),
            );
        }
    }

    fn missing_skus(&self, acc: &Acc, problems: &mut Problems) {
        let stock_keys = || self.stock_rows.keys().map(String::as_str);
        for (sku, (fi, line)) in &acc.missing_skus {
            let (header, field) = &self.columns[*fi][0];
            let column = (header.as_str(), *field);
            let p = match leading_zero_twin(sku, stock_keys()) {
                Some(twin) => Problem::new(
                    Kind::ExcelLeadingZeros,
                    self.file(*fi),
                    *line,
                    column,
                    crate::tr_report!(
                        "row.sku_zero_twin",
                        sku = shown_value(sku),
                        twin = shown_value(twin),
                        stock = self.stock.shown
                    ),
                ),
                None => Problem::new(
                    Kind::MissingSku,
                    self.file(*fi),
                    *line,
                    column,
                    crate::tr_report!(
                        "row.sku_missing",
                        sku = shown_value(sku),
                        stock = self.stock.shown
                    ),
                ),
            };
            problems.push(p.with_value(sku));
        }
    }

    /// One warning per watched column that no order file has (§10).
    fn absent_columns(&self, problems: &mut Problems) {
        let Some(first) = self.plan.lines.first() else {
            return;
        };
        for &c in &self.plan.absent {
            let name = Plan::column_name(c);
            let message = crate::tr_report!(
                "row.absent",
                column = name,
                name = zh_name(name),
                effect = crate::tr_report!(&format!("row.absent_{name}"))
            );
            problems.push(
                Problem::new(
                    Kind::AbsentColumn,
                    &first.source.shown,
                    1,
                    (name, 0),
                    message,
                )
                .with_value(name),
            );
        }
    }
}

/// The Chinese name of a watched column, as staff would call it.
pub fn zh_name(column: &str) -> &'static str {
    match column {
        "amount" => "实付金额",
        "notified_at" => "告知时间",
        "detected_at" => "发现时间",
        "delay_cause" => "延迟原因",
        "shipped_at" => "发货时间",
        _ => "",
    }
}

/// One note per order file: what it was read as, and why.
pub fn input_notes(plan: &Plan) -> Vec<super::types::InputNote> {
    let mut all: Vec<&crate::ingest::plan::Planned> = plan.lines.iter().collect();
    all.extend(plan.headers.iter());
    all.into_iter()
        .map(|p| {
            let (read_as, why) = match &p.preset {
                Some(u) => (
                    crate::tr!("input.preset", label = u.preset.label, key = u.preset.key),
                    if u.matched.is_empty() {
                        crate::tr!("input.preset_named")
                    } else {
                        crate::tr!("input.header_has", columns = u.matched.join(", "))
                    },
                ),
                None => (crate::tr!("input.generic"), crate::tr!("input.no_match")),
            };
            let read_as = match p.source.platform.as_deref() {
                Some(x) => crate::tr!(
                    "input.platform",
                    read_as = read_as,
                    platform = shown_value(x)
                ),
                None => read_as,
            };
            super::types::InputNote {
                platform: p.preset.is_some() || p.source.platform.is_some(),
                file: p.source.shown.clone(),
                read_as,
                why,
            }
        })
        .collect()
}
