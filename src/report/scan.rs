//! The two streaming passes over the order files.
//!
//! Pass 1 only hashes (`order_id`, `sku`) into the duplicate filter and, when no week
//! was given, finds the greatest valid `ordered_at`. Pass 2 parses every row, reports
//! problems, and folds rows into the accumulators; rows whose key is a candidate
//! duplicate wait in a small map until the end so the last one wins.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::accum::{Acc, Ctx, Loc};
use super::dedupe::{DupFilter, key_hash};
use super::quality::Problems;
use crate::config::Config;
use crate::ingest::columns::HeaderMap;
use crate::ingest::columns::{FileKind, ORDER_COLUMNS};
use crate::ingest::orders::{self, OrderLine, Status};
use crate::ingest::timestamp::{Clock, IsoWeek};
use crate::ingest::{CsvInput, IngestError, Problem, field, is_blank};
use csv::ByteRecord;

/// One input file: its path and the name shown to the user.
#[derive(Debug, Clone)]
pub struct Source {
    /// Full path.
    pub path: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub shown: String,
}

/// What pass 1 found.
#[derive(Debug)]
pub struct Pass1 {
    /// Duplicate candidates.
    pub filter: DupFilter,
    /// An `ordered_at` in the latest week that has a valid row (enough to pick the
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
    /// Skipped rows.
    pub skipped: u64,
    /// Blank rows.
    pub blank: u64,
}

/// Shared read settings.
pub struct Reading<'a> {
    /// Config.
    pub config: &'a Config,
    /// Status map of the config.
    pub statuses: &'a BTreeMap<String, Status>,
    /// Progress bar, if shown.
    pub bar: Option<indicatif::ProgressBar>,
}

/// Pass 1: hashes every key; finds the latest week with a valid row when `need_max`.
pub fn pass1(
    files: &[Source],
    r: &Reading<'_>,
    clock: &mut Clock,
    need_max: bool,
) -> Result<Pass1, IngestError> {
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let mut filter = DupFilter::with_capacity(bytes / 48 + 1);
    let mut max_ordered: Option<i64> = None;
    let mut week_end: Option<i64> = None;
    for f in files {
        let Some(input) = open(f, r)? else {
            continue;
        };
        let (id_col, sku_col, at_col) = (input.map.get(0), input.map.get(1), input.map.get(4));
        let map = input.map.clone();
        input.stream(|_, rec| {
            let (id, sku) = (field(rec, id_col), field(rec, sku_col));
            if id.is_empty() || sku.is_empty() {
                return;
            }
            filter.observe(key_hash(&id, &sku));
            if !need_max {
                return;
            }
            let Some(t) = clock.parse(&field(rec, at_col)) else {
                return;
            };
            // Only the week of the greatest valid `ordered_at` matters, so only a row in a
            // later week than the best so far needs the full (slower) validation.
            if week_end.is_none_or(|end| t >= end)
                && orders::parse(rec, &map, clock, r.config, r.statuses).is_ok()
            {
                let week = IsoWeek::of(clock.local_naive(t).date());
                week_end = Some(clock.local_midnight(week.minus(-1).monday()));
                max_ordered = Some(t);
            }
        })?;
    }
    Ok(Pass1 {
        filter,
        max_ordered,
    })
}

fn open(f: &Source, r: &Reading<'_>) -> Result<Option<CsvInput>, IngestError> {
    CsvInput::open(
        &f.path,
        f.shown.clone(),
        FileKind::Orders,
        r.config,
        r.bar.clone(),
    )
}

/// A candidate-duplicate row waiting for the end of pass 2.
struct Held {
    loc: Loc,
    line: OrderLine,
    superseded: u64,
}

/// Everything pass 2 updates while rows stream by.
struct Pass2<'a, 'b> {
    r: &'a Reading<'b>,
    filter: &'a DupFilter,
    acc: &'a mut Acc,
    ctx: &'a Ctx<'b>,
    clock: &'a mut Clock,
    problems: &'a mut Problems,
    counts: Counts,
    held: HashMap<(String, String), Held>,
}

impl Pass2<'_, '_> {
    fn row(&mut self, fi: usize, f: &Source, map: &HeaderMap, line: usize, rec: &ByteRecord) {
        if is_blank(rec) {
            self.counts.blank += 1;
            return;
        }
        self.counts.read += 1;
        let l = match orders::parse(rec, map, self.clock, self.r.config, self.r.statuses) {
            Ok(l) => l,
            Err(e) => {
                self.counts.skipped += 1;
                self.problems.push(Problem {
                    file: f.shown.clone(),
                    line,
                    column: map.header(e.column).to_string(),
                    field: map.get(e.column).map_or(0, |i| i + 1),
                    message: format!(
                        "{}: {}; row skipped",
                        column_label(map.header(e.column), e.column),
                        e.message
                    ),
                });
                return;
            }
        };
        if !self.filter.is_candidate(key_hash(&l.order_id, &l.sku)) {
            self.acc.add(l, (fi, line), self.ctx, self.clock);
            return;
        }
        let key = (l.order_id.clone(), l.sku.clone());
        if let Some(h) = self.held.get_mut(&key) {
            h.superseded += 1;
            h.loc = (fi, line);
            h.line = l;
            self.counts.skipped += 1;
        } else {
            let held = Held {
                loc: (fi, line),
                line: l,
                superseded: 0,
            };
            self.held.insert(key, held);
        }
    }

    /// Folds in the held rows (the last of each key) and reports the duplicates.
    fn finish(mut self, files: &[Source]) -> Counts {
        let mut held: Vec<((String, String), Held)> =
            std::mem::take(&mut self.held).into_iter().collect();
        held.sort_by_key(|(_, h)| h.loc);
        for ((order_id, sku), h) in held {
            if h.superseded > 0 {
                self.problems.push(Problem {
                    file: files[h.loc.0].shown.clone(),
                    line: h.loc.1,
                    column: String::new(),
                    field: 0,
                    message: format!(
                        "order `{order_id}` SKU `{sku}` appears {} times; this last row is used, the {} earlier skipped",
                        h.superseded + 1,
                        h.superseded
                    ),
                });
            }
            self.acc.add(h.line, h.loc, self.ctx, self.clock);
        }
        self.counts
    }
}

/// Pass 2: parses, reports, accumulates. Returns the counters.
pub fn pass2(
    files: &[Source],
    r: &Reading<'_>,
    filter: &DupFilter,
    acc: &mut Acc,
    ctx: &Ctx<'_>,
    clock: &mut Clock,
    problems: &mut Problems,
) -> Result<Counts, IngestError> {
    let mut state = Pass2 {
        r,
        filter,
        acc,
        ctx,
        clock,
        problems,
        counts: Counts::default(),
        held: HashMap::new(),
    };
    for (fi, f) in files.iter().enumerate() {
        let Some(input) = open(f, r)? else {
            state.counts.columns.push(Default::default());
            continue;
        };
        let map = input.map.clone();
        let col = |c: usize| (map.header(c).to_string(), map.get(c).map_or(0, |i| i + 1));
        state.counts.columns.push([col(1), col(8)]);
        input.stream(|line, rec| state.row(fi, f, &map, line, rec))?;
    }
    Ok(state.finish(files))
}

/// `column `下单时间` (ordered_at)`, or just `column `ordered_at`` when the header is
/// the canonical name.
fn column_label(header: &str, col: usize) -> String {
    let canonical = ORDER_COLUMNS[col];
    if header.eq_ignore_ascii_case(canonical) || header.is_empty() {
        format!("column `{canonical}`")
    } else {
        format!("column `{header}` ({canonical})")
    }
}
