//! Pass 2 over the order files: every row parsed, problems reported, used lines folded
//! into the accumulators (see [`super::scan`] for how the work is shared by threads).

use super::accum::{Acc, Ctx, Loc, Unknowns};
use super::candidates::{Candidates, DupNames, Verdict};
use super::dedupe::line_key_hash;
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
    names: DupNames,
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
    candidates: &'a Candidates,

    /// Each file's rank when the files are sorted by name (as problems are).
    ranks: &'a [usize],
    ctx: &'a Ctx<'a>,
    problems_limit: usize,
}

/// Pass 2: parses, reports, accumulates. Returns the accumulators and the counters.
pub fn pass2(
    r: &Reading<'_>,
    candidates: &Candidates,
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
            names: DupNames::new(problems.limit()),
            clock: clock.clone(),
        })
        .collect();
    let ranks = name_ranks(r.plan);
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
            candidates,
            ranks: &ranks,
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
    let (mut acc, held, names, mut counts) = merge_workers(workers, ctx, problems.limit());
    counts.columns = columns;
    acc.unknown = unknown;
    let repeated = Repeated {
        candidates,
        names: &names,
        ranks: &ranks,
        plan: r.plan,
    };
    repeated.report(problems);
    finish_held(held, &mut acc, ctx, clock, problems, r.plan);
    Ok((acc, counts))
}

/// The workers' accumulators, held rows, noted keys and counts, merged.
fn merge_workers(
    workers: Vec<Worker>,
    ctx: &Ctx<'_>,
    problems_limit: usize,
) -> (Acc, HeldRows, DupNames, Counts) {
    let limit = ctx.config.report.at_risk_limit;
    let mut acc = Acc::new(ctx.window.trend_weeks.len());
    let mut counts = Counts::default();
    let mut held = HeldRows::default();
    let mut names = DupNames::new(problems_limit);
    for w in workers {
        acc.merge(w.acc, limit);
        counts.merge(&w.counts);
        let both;
        (held, both) = held.merge(w.held);
        counts.skipped += both;
        names.merge(w.names);
    }
    (acc, held, names, counts)
}

/// Each file's rank when the files are sorted by the name problems show.
fn name_ranks(plan: &Plan) -> Vec<usize> {
    let mut order: Vec<usize> = (0..plan.lines.len()).collect();
    order.sort_by(|&a, &b| plan.lines[a].source.shown.cmp(&plan.lines[b].source.shown));
    let mut ranks = vec![0; order.len()];
    for (rank, fi) in order.into_iter().enumerate() {
        ranks[fi] = rank;
    }
    ranks
}

/// The keys with more than one valid row, for their problems.
struct Repeated<'a> {
    candidates: &'a Candidates,
    names: &'a DupNames,
    ranks: &'a [usize],
    plan: &'a Plan,
}

impl Repeated<'_> {
    /// One problem per repeated key, at the row used. Only the problems the list can
    /// show have their keys noted; the rest are counted with an empty message (the
    /// list keeps the first problems by file and line, and those come first).
    fn report(&self, problems: &mut Problems) {
        for (loc, times) in self.candidates.repeated() {
            let message = self
                .names
                .key_at(self.ranks[loc.0], loc.1)
                .map(|(order, sku, line_id)| duplicate_message(order, sku, line_id, times.into()))
                .unwrap_or_default();
            problems.push(duplicate_problem(self.plan, loc, message));
        }
    }
}

/// The message of a key with `times` valid rows.
fn duplicate_message(order: &str, sku: &str, line_id: &str, times: u64) -> String {
    crate::tr_report!(
        "row.duplicate",
        order = crate::report::dedupe::shown_line(order, line_id),
        sku = crate::ingest::shown_value(sku),
        times = crate::commands::report::thousands(times),
        earlier = crate::commands::report::thousands(times - 1)
    )
}

/// The problem of a repeated key whose row used is at `loc`.
fn duplicate_problem(plan: &Plan, loc: Loc, message: String) -> Problem {
    let file = &plan.lines[loc.0].source.shown;
    Problem::new(Kind::Duplicate, file, loc.1, ("", 0), message)
}

/// Folds in the rows held by exact key (the last of each, in file order) and reports
/// their duplicates.
fn finish_held(
    held: HeldRows,
    acc: &mut Acc,
    ctx: &Ctx<'_>,
    clock: &mut Clock,
    problems: &mut Problems,
    plan: &Plan,
) {
    for h in held.into_file_order() {
        if h.superseded > 0 {
            let l = &h.line;
            let message = duplicate_message(&l.order_id, &l.sku, &l.line_id, h.superseded + 1);
            problems.push(duplicate_problem(plan, h.loc, message));
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

    /// Folds a valid row, unless a later row of its key is used (then it is skipped)
    /// or two keys share its hash (then it waits, by exact key, for the end).
    fn fold(&mut self, l: OrderLine, loc: Loc, f: &FileCtx<'_>, out: &mut ChunkOut) {
        let hash = line_key_hash(&l.order_id, &l.sku, &l.line_id);
        let (verdict, named) = f.candidates.verdict(hash, &l, loc);
        if let Some(used) = named {
            self.names.note(f.ranks[used.0], used.1, &l);
        }
        match verdict {
            Verdict::Use => {
                record_unknown(&mut out.unknown, &l, loc);
                self.acc.add(l, loc, f.ctx, &mut self.clock);
            }
            Verdict::Superseded => self.counts.skipped += 1,
            Verdict::Exact => {
                if self.held.hold(Held::new(loc, l)) {
                    self.counts.skipped += 1;
                }
            }
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
