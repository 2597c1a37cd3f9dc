//! Pass 2 over the order files: every row parsed, problems reported, used lines folded
//! into the accumulators (see [`super::scan`] for how the work is shared by threads).

use super::accum::{Acc, Ctx, Loc, Unknowns};
use super::dedupe::{DupFilter, line_key_hash};
use super::held::{Held, HeldRows};
use super::quality::Problems;
use super::scan::{Counts, Reading, column_label, row_of};
use crate::ingest::chunked::{self, ChunkRecords};
use crate::ingest::excel::LostDigits;
use crate::ingest::orders::{self, Lookups, OrderLine, Parsed, col};
use crate::ingest::plan::{Plan, Planned};
use crate::ingest::timestamp::Clock;
use crate::ingest::tokenize::Record;
use crate::ingest::{Fields, IngestError, Kind, Problem};

/// What one worker keeps across chunks (merged at the end; order does not matter).
struct Worker {
    acc: Acc,
    counts: Counts,
    held: HeldRows,
    clock: Clock,
}

/// What one chunk found that depends on the order of rows (merged in file order).
struct ChunkOut {
    problems: Problems,
    unknown: Unknowns,
    watch: IdWatch,
}

/// The read-only context of a file's rows.
struct FileCtx<'a> {
    fi: usize,
    p: &'a Planned,
    plan: &'a Plan,
    lk: Lookups<'a>,
    filter: &'a DupFilter,
    ctx: &'a Ctx<'a>,
    problems_limit: usize,
}

/// Pass 2: parses, reports, accumulates. Returns the accumulators and the counters.
pub fn pass2(
    r: &Reading<'_>,
    filter: &DupFilter,
    ctx: &Ctx<'_>,
    clock: &mut Clock,
    problems: &mut Problems,
) -> Result<(Acc, Counts), IngestError> {
    let trend_weeks = ctx.window.trend_weeks.len();
    let mut workers: Vec<Worker> = (0..r.workers())
        .map(|_| Worker {
            acc: Acc::new(trend_weeks),
            counts: Counts::default(),
            held: HeldRows::default(),
            clock: clock.clone(),
        })
        .collect();
    let mut unknown = Unknowns::default();
    let mut columns = Vec::new();
    for (fi, p) in r.plan.lines.iter().enumerate() {
        let map = &p.map;
        let column = |c: usize| (map.header(c).to_string(), map.get(c).map_or(0, |i| i + 1));
        columns.push([column(col::SKU), column(col::CAUSE)]);
        let file = FileCtx {
            fi,
            p,
            plan: r.plan,
            lk: r.lookups(p),
            filter,
            ctx,
            problems_limit: problems.limit(),
        };
        let mut watch = IdWatch::default();
        let work = |w: &mut Worker, records: &mut ChunkRecords<'_, '_>| w.chunk(records, &file);
        let merge = |out: ChunkOut| {
            problems.append(out.problems);
            unknown.append(out.unknown);
            watch.append(out.watch);
        };
        chunked::scan(&r.file(p, false), &mut workers, work, merge)?;
        watch.report(p, problems);
    }
    let limit = ctx.config.report.at_risk_limit;
    let mut acc = Acc::new(trend_weeks);
    let mut counts = Counts {
        columns,
        ..Counts::default()
    };
    let mut held = HeldRows::default();
    for w in workers {
        acc.merge(w.acc, limit);
        counts.merge(&w.counts);
        let both;
        (held, both) = held.merge(w.held);
        counts.skipped += both;
    }
    acc.unknown = unknown;
    finish(held, &mut acc, ctx, clock, problems, r.plan);
    Ok((acc, counts))
}

/// Folds in the held rows (the last of each key, in file order) and reports the
/// duplicates.
fn finish(
    held: HeldRows,
    acc: &mut Acc,
    ctx: &Ctx<'_>,
    clock: &mut Clock,
    problems: &mut Problems,
    plan: &Plan,
) {
    for h in held.into_file_order() {
        if h.superseded > 0 {
            let order = crate::report::dedupe::shown_line(&h.line.order_id, &h.line.line_id);
            let message = crate::tr_report!(
                "row.duplicate",
                order = order,
                sku = crate::ingest::shown_value(&h.line.sku),
                times = h.superseded + 1,
                earlier = h.superseded
            );
            let file = &plan.lines[h.loc.0].source.shown;
            problems.push(Problem::new(
                Kind::Duplicate,
                file,
                h.loc.1,
                ("", 0),
                message,
            ));
        }
        record_unknown(&mut acc.unknown, &h.line, h.loc);
        let Held { loc, line, .. } = *h;
        acc.add(line, loc, ctx, clock);
    }
}

/// The unknown cause and platform values of a used line.
fn record_unknown(unknown: &mut Unknowns, l: &OrderLine, loc: Loc) {
    let cause = (!l.cause_known).then_some(l.cause.as_str());
    let platform = (!l.platform_known).then_some(l.platform.as_str());
    if cause.is_some() || platform.is_some() {
        unknown.record(cause, platform, loc);
    }
}

impl Worker {
    /// Reads the rows of one chunk.
    fn chunk(
        &mut self,
        records: &mut ChunkRecords<'_, '_>,
        f: &FileCtx<'_>,
    ) -> Result<ChunkOut, IngestError> {
        let mut out = ChunkOut {
            problems: Problems::new(f.problems_limit),
            unknown: Unknowns::default(),
            watch: IdWatch::default(),
        };
        records.each(usize::MAX, |rec, _| self.row(rec, f, &mut out))?;
        Ok(out)
    }

    fn row(&mut self, rec: &Record<'_>, f: &FileCtx<'_>, out: &mut ChunkOut) {
        let line = rec.line as usize;
        if rec.is_blank() {
            self.counts.blank += 1;
            return;
        }
        self.counts.read += 1;
        let row = row_of(rec, f.p, f.plan);
        if row.unmatched() {
            self.counts.skipped += 1;
            out.problems.push(unmatched(f.p, line));
            return;
        }
        let l = match orders::parse(&row, &mut self.clock, &f.lk) {
            Ok(Parsed::Line(l)) => {
                out.watch.observe(&l, line);
                if l.promised == crate::ingest::orders::NO_DEADLINE {
                    out.problems.push(crate::report::sanity::presale_problem(
                        &l.order_id,
                        &l.sku,
                        f.p,
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
                let map = &f.p.map;
                let column = (map.header(e.column), map.get(e.column).map_or(0, |i| i + 1));
                let message = crate::tr_report!(
                    "row.skipped",
                    column = column_label(map.header(e.column), e.column),
                    message = e.message
                );
                out.problems.push(
                    Problem::new(e.kind, &f.p.source.shown, line, column, message)
                        .with_value(&e.value),
                );
                return;
            }
        };
        self.fold(l, (f.fi, line), f, out);
    }

    fn fold(&mut self, l: OrderLine, loc: Loc, f: &FileCtx<'_>, out: &mut ChunkOut) {
        let hash = line_key_hash(&l.order_id, &l.sku, &l.line_id);
        if !f.filter.is_candidate(hash) {
            record_unknown(&mut out.unknown, &l, loc);
            self.acc.add(l, loc, f.ctx, &mut self.clock);
            return;
        }
        if self.held.hold(hash, Held::new(loc, l)) {
            self.counts.skipped += 1;
        }
    }
}

/// The problem of an item row whose order is not in the order report.
fn unmatched(p: &Planned, line: usize) -> Problem {
    let map = &p.map;
    let column = (
        map.header(col::ORDER_ID),
        map.get(col::ORDER_ID).map_or(0, |i| i + 1),
    );
    let message = crate::tr_report!("row.unmatched_item");
    Problem::new(Kind::UnmatchedItem, &p.source.shown, line, column, message)
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

    fn append(&mut self, later: IdWatch) {
        self.order_id.append(later.order_id);
        self.sku.append(later.sku);
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
