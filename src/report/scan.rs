//! The two streaming passes over the order files, on every core.
//!
//! Pass 1 (here) hashes (`order_id`, `sku`) into the duplicate filter, parses the rows
//! the filter flags as repeats to know which row of each repeated key is used
//! ([`super::candidates`]) and, when no week was given, finds the latest local day with
//! a valid `ordered_at`. Pass 2 ([`super::pass2`]) parses every row, reports problems,
//! and folds the used rows into the accumulators as they come.
//!
//! Each file is read by [`chunked::scan`]: chunks of records go to worker threads. A
//! worker keeps its own accumulators and counts, merged at the end (sums, unions,
//! minima: the order does not matter). What depends on the order of rows — the
//! duplicate filter, problems, unknown values, the Excel watch, the latest day — is done
//! in chunk order or kept per chunk and merged in file order, so the result is the one a
//! sequential read gives, whichever worker took which chunk.

use std::borrow::Cow;
use std::sync::Mutex;

use super::accum::Loc;
use super::candidates::{Candidates, Printer};
use super::dedupe::{DupFilter, line_key_hash};
use crate::config::Config;
use crate::ingest::causes::Causes;
use crate::ingest::chunked::{self, ChunkRecords, FileToRead, InTurn};
use crate::ingest::columns::{HeaderMap, ORDER_COLUMNS};
use crate::ingest::excel;
use crate::ingest::join::Joined;
use crate::ingest::orders::{self, Lookups, Parsed, Plain, Row, col};
pub use crate::ingest::plan::Source;
use crate::ingest::plan::{Plan, Planned};
use crate::ingest::platform::Platforms;
use crate::ingest::presets::Shape;
use crate::ingest::status::Statuses;
use crate::ingest::timestamp::Clock;
use crate::ingest::{Fields, IngestError};

/// What pass 1 found.
#[derive(Debug)]
pub struct Pass1 {
    /// The keys flagged as repeated, and which of their rows is used.
    pub candidates: Candidates,
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

impl Counts {
    /// Adds the counters of another worker.
    pub fn merge(&mut self, other: &Counts) {
        self.read += other.read;
        self.skipped += other.skipped;
        self.unpaid += other.unpaid;
        self.blank += other.blank;
    }
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
    /// The lookups of rows of planned file `p`.
    pub fn lookups<'s>(&'s self, p: &'s Planned) -> Lookups<'s> {
        Lookups {
            config: self.config,
            statuses: self.statuses,
            platforms: self.platforms,
            causes: self.causes,
            default_platform: p.default_platform(),
        }
    }

    /// How to read planned file `p`; `check` on the first pass over it.
    pub fn file<'p>(&self, p: &'p Planned, check: bool) -> FileToRead<'p> {
        FileToRead {
            path: &p.source.path,
            shown: &p.source.shown,
            encoding: p.encoding,
            bar: self.bar.clone(),
            check,
        }
    }

    /// Worker threads for the order files.
    pub fn workers(&self) -> usize {
        let bytes = self
            .plan
            .lines
            .iter()
            .filter_map(|p| std::fs::metadata(&p.source.path).ok())
            .map(|m| m.len())
            .sum();
        chunked::workers_for(bytes)
    }
}

/// A row of a planned file: plain, or an item row joined with its order.
pub enum AnyRow<'a, R: Fields + ?Sized> {
    /// A row of a file read on its own.
    Plain(Plain<'a, R>),
    /// An item row with its order's values.
    Joined(Joined<'a, R>),
}

impl<R: Fields + ?Sized> Row for AnyRow<'_, R> {
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
    fn lent(&self, c: usize) -> bool {
        match self {
            AnyRow::Plain(_) => false,
            AnyRow::Joined(j) => j.lent(c),
        }
    }
}

impl<R: Fields + ?Sized> AnyRow<'_, R> {
    /// True for an item row whose order is not in the order file.
    pub fn unmatched(&self) -> bool {
        matches!(self, AnyRow::Joined(j) if j.order.is_none())
    }
}

/// The row of record `rec` of planned file `p`.
pub fn row_of<'a, R: Fields + ?Sized>(rec: &'a R, p: &'a Planned, plan: &'a Plan) -> AnyRow<'a, R> {
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

/// How many leading fields of a record hold the canonical columns `cols` (every
/// candidate field of each).
pub fn fields_for(map: &HeaderMap, cols: &[usize]) -> usize {
    cols.iter()
        .flat_map(|&c| map.all(c).iter().copied())
        .max()
        .map_or(1, |i| i + 1)
}

/// The latest day with a valid row seen so far: its end (next local midnight) and the
/// `ordered_at` of its first valid row.
type Latest = Option<(i64, i64)>;

/// What one pass-1 worker keeps.
struct Pass1Worker {
    clock: Clock,
    /// The latest day this worker has validated (rows on earlier days are skipped).
    day_end: Option<i64>,
    /// Key hashes of the current chunk's rows, and where each row starts (offset in the
    /// chunk, line).
    hashes: Vec<u64>,
    starts: Vec<(usize, u64)>,
    /// Indices of the flagged rows of the chunk.
    flagged: Vec<usize>,
    /// The valid flagged rows of the chunk: key hash, fingerprint, location.
    valid: Vec<(u64, u64, Loc)>,
    /// The fingerprinter of [`Candidates`].
    printer: Printer,
}

/// The duplicate filter and what it flagged, shared by pass-1 workers.
struct Flags {
    filter: DupFilter,
    candidates: Candidates,
}

/// A planned file as pass 1 reads it.
struct Pass1File<'a> {
    fi: usize,
    p: &'a Planned,
    plan: &'a Plan,
    lk: Lookups<'a>,
    need_max: bool,
    /// How many leading fields to split.
    fields: usize,
}

/// Pass 1: hashes every key in file order and learns which row of each repeated key is
/// used; finds the latest day with a valid row when `need_max`.
pub fn pass1(r: &Reading<'_>, clock: &Clock, need_max: bool) -> Result<Pass1, IngestError> {
    let lines: u64 = r
        .plan
        .lines
        .iter()
        .map(|p| estimated_lines(&p.source.path))
        .sum();
    let candidates = Candidates::default();
    let mut workers: Vec<Pass1Worker> = (0..r.workers())
        .map(|_| Pass1Worker::new(clock, &candidates))
        .collect();
    let flags = Mutex::new(Flags {
        filter: DupFilter::with_capacity(lines + 1),
        candidates,
    });
    let mut latest: Latest = None;
    for (fi, p) in r.plan.lines.iter().enumerate() {
        let cols: &[usize] = if need_max {
            &[col::ORDER_ID, col::SKU, col::ORDERED_AT]
        } else {
            &[col::ORDER_ID, col::SKU]
        };
        let file = Pass1File {
            fi,
            p,
            plan: r.plan,
            lk: r.lookups(p),
            need_max,
            fields: fields_for(&p.map, cols),
        };
        let turns = InTurn::default();
        let work = |w: &mut Pass1Worker, records: &mut ChunkRecords<'_, '_>| {
            w.work(records, &file, &flags, &turns)
        };
        // A later chunk wins only with a later day: the first valid row of the latest
        // day, in file order, as a sequential read finds it.
        let merge = |found: Latest| {
            if found.is_some_and(|(end, _)| latest.is_none_or(|(best, _)| end > best)) {
                latest = found;
            }
        };
        chunked::scan(&r.file(p, true), &mut workers, work, merge)?;
    }
    let flags = flags.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(Pass1 {
        candidates: flags.candidates,
        max_ordered: latest.map(|(_, t)| t),
    })
}

impl Pass1Worker {
    fn new(clock: &Clock, candidates: &Candidates) -> Self {
        Pass1Worker {
            clock: clock.clone(),
            day_end: None,
            hashes: Vec::new(),
            starts: Vec::new(),
            flagged: Vec::new(),
            valid: Vec::new(),
            printer: candidates.printer(),
        }
    }

    /// One chunk: its keys hashed, then fed to the filter in its turn (the filter sees
    /// the chunks in file order, so the first row of a key is the one not flagged),
    /// then its flagged rows checked. Returns the chunk's latest valid day.
    fn work(
        &mut self,
        records: &mut ChunkRecords<'_, '_>,
        file: &Pass1File<'_>,
        flags: &Mutex<Flags>,
        turns: &InTurn,
    ) -> Result<Latest, IngestError> {
        let ticket = turns.ticket(records.seq());
        let found = self.chunk(records, file);
        {
            let _turn = ticket.take();
            if found.is_ok() {
                let mut flags = flags.lock().unwrap_or_else(|e| e.into_inner());
                let Flags { filter, candidates } = &mut *flags;
                filter.observe_all(&self.hashes, &mut self.flagged);
                for &i in &self.flagged {
                    candidates.flag(self.hashes[i]);
                }
            }
        }
        self.check_flagged(records, file);
        if !self.valid.is_empty() {
            let mut flags = flags.lock().unwrap_or_else(|e| e.into_inner());
            for &(h, print, loc) in &self.valid {
                flags.candidates.valid_at(h, print, loc);
            }
        }
        self.hashes.clear();
        self.starts.clear();
        self.flagged.clear();
        self.valid.clear();
        found
    }

    /// Hashes the keys of one chunk and returns its latest valid day.
    fn chunk(
        &mut self,
        records: &mut ChunkRecords<'_, '_>,
        f: &Pass1File<'_>,
    ) -> Result<Latest, IngestError> {
        let mut latest: Latest = None;
        records.each(f.fields, |rec, whole| {
            let row = row_of(rec, f.p, f.plan);
            let (id, sku) = (row.text(col::ORDER_ID), row.text(col::SKU));
            if id.is_empty() || sku.is_empty() {
                return;
            }
            self.hashes
                .push(line_key_hash(&id, &sku, &row.text(col::LINE_ID)));
            self.starts.push((rec.start, rec.line));
            if !f.need_max {
                return;
            }
            let Some(t) = self.clock.parse(&row.text(col::ORDERED_AT)) else {
                return;
            };
            // Only the latest local day with a valid row matters, so only a row on a
            // later day than the best so far needs the full (slower) validation.
            if self.day_end.is_some_and(|end| t < end) {
                return;
            }
            let rec = whole.record();
            let row = row_of(&rec, f.p, f.plan);
            if matches!(
                orders::parse(&row, &mut self.clock, &f.lk),
                Ok(Parsed::Line(_))
            ) {
                let next = self
                    .clock
                    .local_naive(t)
                    .date()
                    .succ_opt()
                    .unwrap_or_default();
                let end = self.clock.local_midnight(next);
                self.day_end = Some(end);
                latest = Some((end, t));
            }
        })?;
        Ok(latest)
    }

    /// Parses the flagged rows of the chunk whole and keeps the valid ones (as pass 2
    /// will judge them: the same parse, item rows without their order are not valid).
    fn check_flagged(&mut self, records: &mut ChunkRecords<'_, '_>, f: &Pass1File<'_>) {
        for &i in &self.flagged {
            let (start, line) = self.starts[i];
            let rec = records.record_at(start, line);
            let row = row_of(&rec, f.p, f.plan);
            if row.unmatched() {
                continue;
            }
            if let Ok(Parsed::Line(l)) = orders::parse(&row, &mut self.clock, &f.lk) {
                let print = self.printer.print(&l);
                self.valid
                    .push((self.hashes[i], print, (f.fi, line as usize)));
            }
        }
    }
}

/// About how many lines a file has, for sizing the duplicate filter: its size over the
/// mean line length of its first 64 KiB (48 bytes a line when that has no line break).
/// An estimate too low only makes the filter busier (more rows held back), never wrong.
fn estimated_lines(path: &std::path::Path) -> u64 {
    use std::io::Read;
    const SAMPLE: u64 = 64 * 1024;
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let size = file.metadata().map_or(0, |m| m.len());
    let mut head = Vec::new();
    if file.take(SAMPLE).read_to_end(&mut head).is_err() || head.is_empty() {
        return size / 48;
    }
    match memchr::memchr_iter(b'\n', &head).count() as u64 {
        0 => size / 48,
        breaks => size.saturating_mul(breaks) / head.len() as u64,
    }
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
