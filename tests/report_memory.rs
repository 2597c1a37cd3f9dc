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
