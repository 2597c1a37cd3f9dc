//! The two streaming passes over the order files.
//!
//! Pass 1 only hashes (`order_id`, `sku`) into the duplicate filter and, when no week
//! was given, finds the latest local day with a valid `ordered_at`. Pass 2 parses every
//! row, reports problems, and folds rows into the accumulators; rows whose key is a
//! candidate duplicate wait in a small map until the end so the last one wins.

use std::borrow::Cow;
use std::collections::HashMap;

use super::accum::{Acc, Ctx, Loc};
use super::dedupe::{DupFilter, key_hash};
use super::quality::Problems;
use crate::config::Config;
use crate::ingest::causes::Causes;
use crate::ingest::columns::ORDER_COLUMNS;
use crate::ingest::excel::{self, LostDigits};
use crate::ingest::join::Joined;
use crate::ingest::orders::{self, Lookups, OrderLine, Parsed, Plain, Row, col};
pub use crate::ingest::plan::Source;
use crate::ingest::plan::{Plan, Planned};
use crate::ingest::platform::Platforms;
use crate::ingest::presets::Shape;
use crate::ingest::status::Statuses;
use crate::ingest::timestamp::Clock;
use crate::ingest::{CsvInput, IngestError, Kind, OpenSpec, Problem, is_blank};
use csv::ByteRecord;

/// What pass 1 found.
#[derive(Debug)]
pub struct Pass1 {
    /// Duplicate candidates.
    pub filter: DupFilter,
    /// An `ordered_at` on the latest local day that has a valid row (enough to pick the
    /// default week).
    pub max_ordered: Option<i64>,
}

/// Counters of pass 2.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Per file: header and 1-based field number of `sku` and of `delay_cause`.
    pub columns: Vec<[(String, usize); 2]>,
    /// Non-blank rows.
    pub read: u64,
    /// Skipped rows (unpaid ones included).
    pub skipped: u64,
    /// Rows of orders never paid (skipped, not problems).
    pub unpaid: u64,
    /// Blank rows.
    pub blank: u64,
}

/// Shared read settings.
pub struct Reading<'a> {
    /// Config.
    pub config: &'a Config,
    /// Status values.
    pub statuses: &'a Statuses,
    /// Platform names.
    pub platforms: &'a Platforms,
    /// Cause names.
    pub causes: &'a Causes,
    /// The planned files.
    pub plan: &'a Plan,
    /// Progress bar, if shown.
    pub bar: Option<indicatif::ProgressBar>,
}

impl Reading<'_> {
    fn lookups<'s>(&'s self, p: &'s Planned) -> Lookups<'s> {
        Lookups {
            config: self.config,
            statuses: self.statuses,
            platforms: self.platforms,
            causes: self.causes,
            default_platform: p.default_platform(),
        }
    }

    /// Opens a planned file; `checked` when pass 1 already checked every record.
    fn open(&self, p: &Planned, checked: bool) -> Result<Option<CsvInput>, IngestError> {
        CsvInput::open(
            &p.source.path,
            OpenSpec {
                shown: p.source.shown.clone(),
                kind: crate::ingest::columns::FileKind::Orders,
                config: self.config,
                bar: self.bar.clone(),
                preset: p.choice(),
                known: Some((p.encoding, checked)),
            },
        )
    }
}

/// A row of a planned file: plain, or an item row joined with its order.
enum AnyRow<'a> {
    Plain(Plain<'a>),
    Joined(Joined<'a>),
}

impl Row for AnyRow<'_> {
    fn text(&self, c: usize) -> Cow<'_, str> {
        match self {
            AnyRow::Plain(p) => p.text(c),
            AnyRow::Joined(j) => j.text(c),
        }
    }

    fn has(&self, c: usize) -> bool {
        match self {
            AnyRow::Plain(p) => p.has(c),
            AnyRow::Joined(j) => j.has(c),
        }
    }
}

impl AnyRow<'_> {
    /// True for an item row whose order is not in the order file.
    fn unmatched(&self) -> bool {
        matches!(self, AnyRow::Joined(j) if j.order.is_none())
    }
}

fn row_of<'a>(rec: &'a ByteRecord, p: &'a Planned, plan: &'a Plan) -> AnyRow<'a> {
    let item = Plain { rec, map: &p.map };
    match (&plan.lookup, p.shape) {
        (Some(lookup), Shape::Items) => {
            let order = lookup.get(item.text(col::ORDER_ID).as_ref());
            AnyRow::Joined(Joined {
                item,
                columns: &lookup.columns,
                order,
            })
        }
        _ => AnyRow::Plain(item),
    }
}

/// Pass 1: hashes every key; finds the latest day with a valid row when `need_max`.
pub fn pass1(r: &Reading<'_>, clock: &mut Clock, need_max: bool) -> Result<Pass1, IngestError> {
    let bytes: u64 = r
        .plan
        .lines
        .iter()
        .filter_map(|p| std::fs::metadata(&p.source.path).ok())
        .map(|m| m.len())
        .sum();
    let mut filter = DupFilter::with_capacity(bytes / 48 + 1);
    let mut max_ordered: Option<i64> = None;
    let mut day_end: Option<i64> = None;
    for p in &r.plan.lines {
        let Some(input) = r.open(p, false)? else {
            continue;
        };
        let lk = r.lookups(p);
        input.stream(|_, rec| {
            let row = row_of(rec, p, r.plan);
            let (id, sku) = (row.text(col::ORDER_ID), row.text(col::SKU));
            if id.is_empty() || sku.is_empty() {
                return;
            }
            filter.observe(key_hash(&id, &sku));
            if !need_max {
                return;
            }
            let Some(t) = clock.parse(&row.text(col::ORDERED_AT)) else {
                return;
            };
            // Only the latest local day with a valid row matters, so only a row on a
            // later day than the best so far needs the full (slower) validation.
            if day_end.is_none_or(|end| t >= end)
                && matches!(orders::parse(&row, clock, &lk), Ok(Parsed::Line(_)))
            {
                let next = clock.local_naive(t).date().succ_opt().unwrap_or_default();
                day_end = Some(clock.local_midnight(next));
                max_ordered = Some(t);
            }
        })?;
    }
    Ok(Pass1 {
        filter,
        max_ordered,
    })
}

/// A candidate-duplicate row waiting for the end of pass 2.
struct Held {
    loc: Loc,
    line: OrderLine,
    superseded: u64,
}

/// Everything pass 2 updates while rows stream by.
struct Pass2<'a, 'b> {
    filter: &'a DupFilter,
    acc: &'a mut Acc,
    ctx: &'a Ctx<'b>,
    clock: &'a mut Clock,
    problems: &'a mut Problems,
    counts: Counts,
    held: HashMap<(String, String), Held>,
    /// The Excel lost-digits watch of the file being read.
    watch: IdWatch,
}

/// Where a row is: file index, the planned file, line.
type At<'a> = (usize, &'a Planned, usize);

impl Pass2<'_, '_> {
    fn row(&mut self, at: At<'_>, row: &AnyRow<'_>, lk: &Lookups<'_>, rec: &ByteRecord) {
        let (fi, p, line) = at;
        if is_blank(rec) {
            self.counts.blank += 1;
            return;
        }
        self.counts.read += 1;
        if row.unmatched() {
            self.skip_unmatched(p, line);
            return;
        }
        let l = match orders::parse(row, self.clock, lk) {
            Ok(Parsed::Line(l)) => {
                self.watch.observe(&l, line);
                l
            }
            Ok(Parsed::Unpaid) => {
                self.counts.skipped += 1;
                self.counts.unpaid += 1;
                return;
            }
            Err(e) => {
                self.counts.skipped += 1;
                let map = &p.map;
                let column = (map.header(e.column), map.get(e.column).map_or(0, |i| i + 1));
                let message = crate::tr_report!(
                    "row.skipped",
                    column = column_label(map.header(e.column), e.column),
                    message = e.message
                );
                self.problems.push(
                    Problem::new(e.kind, &p.source.shown, line, column, message)
                        .with_value(&e.value),
                );
                return;
            }
        };
        self.fold(l, (fi, line));
    }

    fn skip_unmatched(&mut self, p: &Planned, line: usize) {
        self.counts.skipped += 1;
        let map = &p.map;
        let column = (
            map.header(col::ORDER_ID),
            map.get(col::ORDER_ID).map_or(0, |i| i + 1),
        );
        let message = crate::tr_report!("row.unmatched_item");
        self.problems.push(Problem::new(
            Kind::UnmatchedItem,
            &p.source.shown,
            line,
            column,
            message,
        ));
    }

    fn fold(&mut self, l: OrderLine, loc: Loc) {
        if !self.filter.is_candidate(key_hash(&l.order_id, &l.sku)) {
            self.acc.add(l, loc, self.ctx, self.clock);
            return;
        }
        let key = (l.order_id.clone(), l.sku.clone());
        if let Some(h) = self.held.get_mut(&key) {
            h.superseded += 1;
            h.loc = loc;
            h.line = l;
            self.counts.skipped += 1;
        } else {
            let held = Held {
                loc,
                line: l,
                superseded: 0,
            };
            self.held.insert(key, held);
        }
    }

    /// Folds in the held rows (the last of each key) and reports the duplicates.
    fn finish(mut self, plan: &Plan) -> Counts {
        let mut held: Vec<((String, String), Held)> =
            std::mem::take(&mut self.held).into_iter().collect();
        held.sort_by_key(|(_, h)| h.loc);
        for ((order_id, sku), h) in held {
            if h.superseded > 0 {
                let message = crate::tr_report!(
                    "row.duplicate",
                    order = crate::ingest::shown_value(&order_id),
                    sku = crate::ingest::shown_value(&sku),
                    times = h.superseded + 1,
                    earlier = h.superseded
                );
                let file = &plan.lines[h.loc.0].source.shown;
                self.problems.push(Problem::new(
                    Kind::Duplicate,
                    file,
                    h.loc.1,
                    ("", 0),
                    message,
                ));
            }
            self.acc.add(h.line, h.loc, self.ctx, self.clock);
        }
        self.counts
    }
}

/// The Excel lost-digits watch of one file's id columns.
#[derive(Default)]
struct IdWatch {
    order_id: LostDigits,
    sku: LostDigits,
}

impl IdWatch {
    fn observe(&mut self, l: &OrderLine, line: usize) {
        self.order_id.observe(&l.order_id, line);
        self.sku.observe(&l.sku, line);
    }

    /// One error per damaged column.
    fn report(&self, p: &Planned, problems: &mut Problems) {
        for (c, watch) in [(col::ORDER_ID, &self.order_id), (col::SKU, &self.sku)] {
            if !watch.damaged() {
                continue;
            }
            let map = &p.map;
            let column = (map.header(c), map.get(c).map_or(0, |i| i + 1));
            let message = crate::tr_report!(
                "row.lost_digits",
                column = column_label(map.header(c), c),
                count = watch.count(),
                example = crate::ingest::shown_value(&watch.example)
            );
            let line = watch.first.first().copied().unwrap_or(1);
            problems.push(Problem::new(
                Kind::ExcelLostDigits,
                &p.source.shown,
                line,
                column,
                message,
            ));
        }
    }
}

/// Pass 2: parses, reports, accumulates. Returns the counters.
pub fn pass2(
    r: &Reading<'_>,
    filter: &DupFilter,
    acc: &mut Acc,
    ctx: &Ctx<'_>,
    clock: &mut Clock,
    problems: &mut Problems,
) -> Result<Counts, IngestError> {
    let mut state = Pass2 {
        filter,
        acc,
        ctx,
        clock,
        problems,
        counts: Counts::default(),
        held: HashMap::new(),
        watch: IdWatch::default(),
    };
    for (fi, p) in r.plan.lines.iter().enumerate() {
        let Some(input) = r.open(p, true)? else {
            state.counts.columns.push(Default::default());
            continue;
        };
        let map = &p.map;
        let column = |c: usize| (map.header(c).to_string(), map.get(c).map_or(0, |i| i + 1));
        state
            .counts
            .columns
            .push([column(col::SKU), column(col::CAUSE)]);
        let lk = r.lookups(p);
        state.watch = IdWatch::default();
        input.stream(|line, rec| {
            let row = row_of(rec, p, r.plan);
            state.row((fi, p, line), &row, &lk, rec);
        })?;
        state.watch.report(p, state.problems);
    }
    Ok(state.finish(r.plan))
}

/// `column `下单时间` (ordered_at)`, or just `column `ordered_at`` when the header is
/// the canonical name.
pub fn column_label(header: &str, col: usize) -> String {
    let canonical = ORDER_COLUMNS.get(col).copied().unwrap_or("");
    if header.eq_ignore_ascii_case(canonical) || header.is_empty() {
        crate::tr_report!("row.column", column = canonical)
    } else {
        crate::tr_report!("row.column_as", header = header, column = canonical)
    }
}

/// A SKU missing from stock.csv that is Excel damage: the stock file has it with its
/// leading zeros (or the other way round).
pub fn leading_zero_twin<'a>(sku: &str, stock: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    excel::leading_zero_twin(sku, stock)
}
