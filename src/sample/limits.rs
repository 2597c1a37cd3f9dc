//! What `sample-data` accepts: bounded arguments (no date arithmetic can overflow, no
//! run can go on for days), and never writing over a shop's real export.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike as _, NaiveDate};

use super::{ORDERS_HEADER, STOCK_HEADER, SampleSpec};

/// Most order lines one run writes (about 13 GB of CSV).
pub const MAX_ORDERS: u64 = 100_000_000;
/// Most weeks the orders may span (ten years).
pub const MAX_WEEKS: u32 = 520;
/// The generated dates must lie in these years.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// Why `spec` cannot be generated, as a sentence naming the option; `None` when it can.
pub fn check_spec(spec: &SampleSpec) -> Option<String> {
    if !(1..=MAX_ORDERS).contains(&spec.orders) {
        return Some(crate::tr!(
            "sample.orders_range",
            max = MAX_ORDERS,
            value = spec.orders
        ));
    }
    if !(1..=MAX_WEEKS).contains(&spec.weeks) {
        return Some(crate::tr!(
            "sample.weeks_range",
            max = MAX_WEEKS,
            value = spec.weeks
        ));
    }
    let first = first_day(spec);
    let inside = |d: Option<NaiveDate>| d.is_some_and(|d| YEARS.contains(&d.year()));
    if !inside(Some(spec.end)) || !inside(first) {
        return Some(crate::tr!(
            "sample.years_range",
            end = spec.end,
            weeks = spec.weeks,
            first = YEARS.start(),
            last = YEARS.end()
        ));
    }
    None
}

/// The first day with orders, `None` when it cannot be represented.
fn first_day(spec: &SampleSpec) -> Option<NaiveDate> {
    let days = u64::from(spec.weeks) * 7 - 1;
    spec.end.checked_sub_days(chrono::Days::new(days))
}

/// The first of `orders.csv` / `stock.csv` in `dir` that exists and was not written by
/// `sample-data` (its header differs), so a real export is never replaced by made-up
/// data.
pub fn not_sample_data(dir: &Path) -> Option<PathBuf> {
    [("orders.csv", ORDERS_HEADER), ("stock.csv", STOCK_HEADER)]
        .into_iter()
        .map(|(name, header)| (dir.join(name), header))
        .find(|(path, header)| path.exists() && first_line(path).as_deref() != Some(*header))
        .map(|(path, _)| path)
}

/// The first line of a file, read with a bound (an export without a newline is not
/// read whole).
fn first_line(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut line = Vec::new();
    std::io::BufReader::new(std::io::Read::take(file, 4096))
        .read_until(b'\n', &mut line)
        .ok()?;
    let text = String::from_utf8(line).ok()?;
    Some(text.trim_end_matches(['\r', '\n']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(orders: u64, weeks: u32, end: &str) -> SampleSpec {
        SampleSpec {
            orders,
            seed: 1,
            weeks,
            end: NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap(),
            preset: None,
        }
    }

    // `--weeks 100000000` panicked in date arithmetic (issue 14, item 9).
    #[test]
    fn refuses_out_of_range_arguments() {
        assert_eq!(check_spec(&spec(20_000, 10, "2026-11-23")), None);
        assert_eq!(check_spec(&spec(1, MAX_WEEKS, "2026-11-23")), None);
        let weeks = check_spec(&spec(20_000, 100_000_000, "2026-11-23")).unwrap();
        assert!(
            weeks.starts_with("--weeks must be from 1 to 520"),
            "{weeks}"
        );
        assert!(check_spec(&spec(20_000, 0, "2026-11-23")).is_some());
        assert!(check_spec(&spec(0, 10, "2026-11-23")).is_some());
        assert!(check_spec(&spec(MAX_ORDERS + 1, 10, "2026-11-23")).is_some());
        let end = check_spec(&spec(20_000, 10, "9999-12-31")).unwrap();
        assert!(end.starts_with("--end 9999-12-31"), "{end}");
        assert!(check_spec(&spec(20_000, 520, "2005-01-01")).is_some());
    }

    // A real export in data/ must never be overwritten with synthetic rows.
    #[test]
    fn finds_files_not_written_by_sample_data() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(not_sample_data(dir.path()), None);
        std::fs::write(
            dir.path().join("orders.csv"),
            format!("{ORDERS_HEADER}\r\nx\n"),
        )
        .unwrap();
        assert_eq!(not_sample_data(dir.path()), None);
        std::fs::write(dir.path().join("stock.csv"), "商品编码,库存\n").unwrap();
        assert_eq!(
            not_sample_data(dir.path()),
            Some(dir.path().join("stock.csv"))
        );
    }
}
