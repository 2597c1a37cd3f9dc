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
use crate::ingest::columns::{FileKind, ORDER_COLUMNS};
use crate::ingest::orders::{self, OrderLine, Status};
use crate::ingest::timestamp::{Clock, IsoWeek};
use crate::ingest::{CsvInput, IngestError, Problem, field, is_blank};

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

/// Pass 1: hashes every key; finds the greatest `ordered_at` when `need_max`.
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
        let Some(mut input) = CsvInput::open(
            &f.path,
            f.shown.clone(),
            FileKind::Orders,
            r.config,
            r.bar.clone(),
        )?
        else {
            continue;
        };
        let (id_col, sku_col, at_col) = (input.map.get(0), input.map.get(1), input.map.get(4));
        let map = input.map.clone();
        while let Some((_, rec)) = input.next_record()? {
            let (id, sku) = (field(rec, id_col), field(rec, sku_col));
            if id.is_empty() || sku.is_empty() {
                continue;
            }
            filter.observe(key_hash(&id, &sku));
            if !need_max {
                continue;
            }
            let Some(t) = clock.parse(&field(rec, at_col)) else {
                continue;
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
        }
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
    let mut counts = Counts::default();
    let mut held: HashMap<(String, String), Held> = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        let Some(mut input) = CsvInput::open(
            &f.path,
            f.shown.clone(),
            FileKind::Orders,
            r.config,
            r.bar.clone(),
        )?
        else {
            counts.columns.push(Default::default());
            continue;
        };
        let map = input.map.clone();
        let col = |c: usize| (map.header(c).to_string(), map.get(c).map_or(0, |i| i + 1));
        counts.columns.push([col(1), col(8)]);
        while let Some((line, rec)) = input.next_record()? {
            if is_blank(rec) {
                counts.blank += 1;
                continue;
            }
            counts.read += 1;
            let parsed = orders::parse(rec, &map, clock, r.config, r.statuses);
            let l = match parsed {
                Ok(l) => l,
                Err(e) => {
                    counts.skipped += 1;
                    problems.push(Problem {
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
                    continue;
                }
            };
            if !filter.is_candidate(key_hash(&l.order_id, &l.sku)) {
                acc.add(l, (fi, line), ctx, clock);
                continue;
            }
            let key = (l.order_id.clone(), l.sku.clone());
            match held.get_mut(&key) {
                Some(h) => {
                    h.superseded += 1;
                    h.loc = (fi, line);
                    h.line = l;
                    counts.skipped += 1;
                }
                None => {
                    held.insert(
                        key,
                        Held {
                            loc: (fi, line),
                            line: l,
                            superseded: 0,
                        },
                    );
                }
            }
        }
    }
    let mut held: Vec<((String, String), Held)> = held.into_iter().collect();
    held.sort_by_key(|(_, h)| h.loc);
    for ((order_id, sku), h) in held {
        if h.superseded > 0 {
            problems.push(Problem {
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
        acc.add(h.line, h.loc, ctx, clock);
    }
    Ok(counts)
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
