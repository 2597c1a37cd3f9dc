//! Memory stays flat in the number of order rows (style lesson 11): the report of a
//! 10× larger orders file may only grow by the capped duplicate filter, never by a copy
//! of the rows. Measured exactly with a counting allocator, so the test is deterministic
//! and needs no timing.
#![allow(
    unsafe_code,
    reason = "a counting GlobalAlloc must implement an unsafe trait"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use delaybook::report::scan::Source;
use delaybook::report::{Request, compute};
use delaybook::sample::{SampleSpec, write_files};

/// Counts live heap bytes and the peak since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counters are
// only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let now = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Only one measurement at a time: the counters are process-wide.
static SERIAL: Mutex<()> = Mutex::new(());

/// Peak heap bytes (above what was live before) of computing the report for `dir`.
fn peak_of_report(dir: &Path) -> usize {
    let project_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diag = delaybook::diag::Diagnostics::new();
    let project = delaybook::pipeline::load_project(project_root, &mut diag);
    let source = |name: &str| Source::new(dir.join(name), name.to_string());
    let req = Request {
        config: &project.config,
        content: &project.content,
        orders: vec![source("orders.csv")],
        stock: source("stock.csv"),
        week: Some("2026-W47".to_string()),
        as_of: None,
        bar: None,
    };
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let report = compute(&req).expect("report computes");
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert!(report.totals.due > 0, "the week has due lines");
    drop(report);
    peak
}

fn sample(dir: &Path, orders: u64) {
    let spec = SampleSpec {
        orders,
        ..SampleSpec::default_sample()
    };
    write_files(&spec, dir).expect("write sample");
}

// A report that kept every row would need ~150 bytes per extra row (27 MB for 180,000
// rows); streaming into accumulators keeps the difference to the Bloom filter's growth.
#[test]
fn report_memory_does_not_grow_with_rows() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("tmp");
    let (small, large) = (tmp.path().join("small"), tmp.path().join("large"));
    // Both large enough to be read on every core with chunks in flight (the buffers
    // of those are a fixed cost, see `ingest::chunked`).
    sample(&small, 60_000);
    sample(&large, 240_000);
    let small_peak = peak_of_report(&small);
    let large_peak = peak_of_report(&large);
    let growth = large_peak.saturating_sub(small_peak);
    eprintln!(
        "peak heap: 60,000 rows {small_peak} B; 240,000 rows {large_peak} B; growth {growth} B"
    );
    assert!(
        growth < 4 * 1024 * 1024,
        "peak heap grew by {growth} bytes for 180,000 more rows (60k: {small_peak}, 240k: {large_peak})"
    );
}

/// `dir/orders.csv` as the same export downloaded twice: every row of `dir`'s sample
/// once more after the first copy (the later rows are used, the earlier superseded).
fn twice(dir: &Path) {
    let path = dir.join("orders.csv");
    let text = std::fs::read_to_string(&path).expect("read sample");
    let rows = text.split_once('\n').map_or("", |(_, rows)| rows);
    std::fs::write(&path, format!("{text}{rows}")).expect("write twice");
}

// Two overlapping exports repeat every key. Holding the repeated rows back until the end
// of pass 2 cost ~250 bytes per repeated key; a row's verdict is now known before pass 2
// reads it, so a repeated key costs one entry of the flagged-key table (32 bytes in a
// hash table that grows by doubling: about 100 bytes at its peak).
#[test]
fn report_memory_per_repeated_key_is_small() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("tmp");
    let (small, large) = (tmp.path().join("small"), tmp.path().join("large"));
    sample(&small, 30_000);
    sample(&large, 120_000);
    twice(&small);
    twice(&large);
    let small_peak = peak_of_report(&small);
    let large_peak = peak_of_report(&large);
    let growth = large_peak.saturating_sub(small_peak);
    let per_key = growth / 90_000;
    eprintln!(
        "peak heap: 30,000 keys twice {small_peak} B; 120,000 keys twice {large_peak} B; {per_key} B per repeated key"
    );
    assert!(
        per_key < 150,
        "peak heap grew by {growth} bytes for 90,000 more repeated keys ({per_key} B each)"
    );
}
