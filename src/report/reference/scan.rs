//! Frozen copy of `report::scan` before the fast path: two passes over the `csv` crate's
//! records, one row at a time, parsed into owned lines.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::fold::Fold;
use super::orders::{self, OrderLine, Parsed};
use crate::ingest::excel::LostDigits;
use crate::ingest::join::Joined;
use crate::ingest::orders::{Lookups, Plain, Row, col};
use crate::ingest::plan::{Plan, Planned};
use crate::ingest::presets::Shape;
use crate::ingest::timestamp::Clock;
use crate::ingest::{IngestError, Kind, Problem, is_blank};
use crate::report::accum::{Acc, Ctx, Loc};
use crate::report::quality::Problems;
use crate::report::scan::{Counts, Reading, column_label};
use csv::ByteRecord;

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

/// The duplicate key of a line: order id, SKU, sub-order id (empty when none).
type DupKey = (String, String, String);

/// What pass 1 found.
pub struct Pass1 {
    /// The keys that occur more than once (exact: the oracle keeps every key).
    pub repeated: HashSet<DupKey>,
    /// An `ordered_at` on the latest local day that has a valid row.
    pub max_ordered: Option<i64>,
}

/// Pass 1: counts every key; finds the latest day with a valid row when `need_max`.
pub fn pass1(r: &Reading<'_>, clock: &mut Clock, need_max: bool) -> Result<Pass1, IngestError> {
    let mut seen: HashMap<DupKey, u32> = HashMap::new();
    let mut max_ordered: Option<i64> = None;
    let mut day_end: Option<i64> = None;
    for p in &r.plan.lines {
        let lk = r.lookups(p);
        for (_, rec) in super::read::records(p, true)? {
            let rec = &rec;
            let row = row_of(rec, p, r.plan);
            let (id, sku) = (row.text(col::ORDER_ID), row.text(col::SKU));
            if id.is_empty() || sku.is_empty() {
                continue;
            }
            let key = (
                id.to_string(),
                sku.to_string(),
                row.text(col::LINE_ID).to_string(),
            );
            *seen.entry(key).or_default() += 1;
            if !need_max {
                continue;
            }
            let Some(t) = clock.parse(&row.text(col::ORDERED_AT)) else {
                continue;
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
        }
    }
    let repeated = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k)
        .collect();
    Ok(Pass1 {
        repeated,
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
    repeated: &'a HashSet<DupKey>,
    acc: &'a mut Acc,
    ctx: &'a Ctx<'b>,
    clock: &'a mut Clock,
    problems: &'a mut Problems,
    counts: Counts,
    held: HashMap<DupKey, Held>,
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
                if l.promised == crate::ingest::orders::NO_DEADLINE {
                    self.problems.push(crate::report::sanity::presale_problem(
                        &l.order_id,
                        &l.sku,
                        p,
                        line,
                    ));
                }
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
                let message = format!(
                    "{}: {}; row skipped",
                    column_label(map.header(e.column), e.column),
                    e.message
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
        let message = "this item's order is not in the paired order report (订单报表): export both files together; row skipped".to_string();
        self.problems.push(Problem::new(
            Kind::UnmatchedItem,
            &p.source.shown,
            line,
            column,
            message,
        ));
    }

    fn fold(&mut self, l: OrderLine, loc: Loc) {
        let key = (l.order_id.clone(), l.sku.clone(), l.line_id.clone());
        if !self.repeated.contains(&key) {
            Fold::add(self.acc, l, loc, self.ctx, self.clock);
            return;
        }
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
        let mut held: Vec<(DupKey, Held)> = std::mem::take(&mut self.held).into_iter().collect();
        held.sort_by_key(|(_, h)| h.loc);
        for ((order_id, sku, line_id), h) in held {
            if h.superseded > 0 {
                let order = crate::report::dedupe::shown_line(&order_id, &line_id);
                let message = format!(
                    "order `{}` SKU `{}` appears {} times; this last row is used, the {} earlier skipped",
                    order,
                    crate::ingest::shown_value(&sku),
                    h.superseded + 1,
                    h.superseded
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
            Fold::add(self.acc, h.line, h.loc, self.ctx, self.clock);
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
            let message = format!(
                "{}: all {} long ids end in zeros after the 15th digit (e.g. `{}`): Excel kept only 15 digits, so different orders now share an id",
                column_label(map.header(c), c),
                watch.count(),
                crate::ingest::shown_value(&watch.example)
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
    repeated: &HashSet<DupKey>,
    (acc, ctx, clock, problems): (&mut Acc, &Ctx<'_>, &mut Clock, &mut Problems),
) -> Result<Counts, IngestError> {
    let mut state = Pass2 {
        repeated,
        acc,
        ctx,
        clock,
        problems,
        counts: Counts::default(),
        held: HashMap::new(),
        watch: IdWatch::default(),
    };
    for (fi, p) in r.plan.lines.iter().enumerate() {
        let map = &p.map;
        let column = |c: usize| (map.header(c).to_string(), map.get(c).map_or(0, |i| i + 1));
        state
            .counts
            .columns
            .push([column(col::SKU), column(col::CAUSE)]);
        let lk = r.lookups(p);
        state.watch = IdWatch::default();
        for (line, rec) in super::read::records(p, false)? {
            let row = row_of(&rec, p, r.plan);
            state.row((fi, p, line), &row, &lk, &rec);
        }
        state.watch.report(p, state.problems);
    }
    Ok(state.finish(r.plan))
}
