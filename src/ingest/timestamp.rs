//! Timestamps: the accepted formats, the configured timezone and the DST rules of
//! `report-metrics.md` §10.
//!
//! Instants are `i64` milliseconds since the Unix epoch (UTC). A value without an offset
//! is local time in the configured timezone; a local time in a DST gap moves forward by
//! the gap, one that occurs twice takes the earlier instant, and a date-only value is
//! local midnight. The common `YYYY-MM-DD HH:MM[:SS]` shapes are parsed by hand (this is
//! the hot loop of the report), with a per-day offset cache; config formats are tried
//! after them with chrono's `strftime` parser.

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, SecondsFormat,
    TimeZone,
};
use chrono_tz::Tz;

/// Milliseconds in one hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in one day.
pub const DAY_MS: i64 = 86_400_000;

/// Years a timestamp may have: year 0 or 9999 in an order export is a broken value,
/// not a date to compute with.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// Largest UTC offset on Earth: ±14:00 (so `+99:99` is refused).
pub const MAX_OFFSET_SECS: i32 = 14 * 3600;

const CACHE: usize = 4096;
const NO_ENTRY: i32 = i32::MIN;
/// Marks a day whose offset changes (a DST transition): use the slow path.
const MIXED: i32 = i32::MAX;

/// Converts between text, local wall-clock times and instants for one timezone.
#[derive(Debug, Clone)]
pub struct Clock {
    tz: Tz,
    formats: Vec<String>,
    /// Local day number → UTC offset in seconds for that whole day.
    day_cache: Vec<(i32, i32)>,
    /// UTC quarter-hour number → UTC offset in seconds.
    utc_cache: Vec<(i64, i32)>,
    /// Dates of `YYYY-MM-DD HH:MM:SS` values read, with their day numbers, by day of
    /// the month (the times of an export fall on a few dates, so nearly every value is
    /// on a date read before).
    dates: Vec<Option<([u8; 10], i64)>>,
}

impl Clock {
    /// A clock for `tz` that also accepts the extra chrono `formats` (tried in order after
    /// the built-in ones).
    pub fn new(tz: Tz, formats: &[String]) -> Self {
        Clock {
            tz,
            formats: formats.to_vec(),
            day_cache: vec![(NO_ENTRY, 0); CACHE],
            utc_cache: vec![(i64::MIN, 0); CACHE],
            dates: vec![None; DATE_SLOTS],
        }
    }

    /// The timezone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Parses a timestamp or date; `None` when no accepted format matches.
    pub fn parse(&mut self, text: &str) -> Option<i64> {
        let text = text.trim();
        let b = text.as_bytes();
        if let Some(naive_ms) = self.same_date(b) {
            return Some(self.local_naive_ms_to_instant(naive_ms));
        }
        if let Some(p) = parse_fast(b) {
            let naive_ms = p.naive_ms()?;
            if p.offset_secs.is_none() && fixed_shape(b) {
                let mut date = [0; 10];
                date.copy_from_slice(&b[..10]);
                self.dates[date_slot(b)] = Some((date, naive_ms.div_euclid(DAY_MS)));
            }
            return Some(match p.offset_secs {
                Some(off) => naive_ms - i64::from(off) * 1000,
                None => self.local_naive_ms_to_instant(naive_ms),
            });
        }
        self.parse_configured(text)
    }

    /// The naive milliseconds of a `YYYY-MM-DD HH:MM:SS` value on a date read before,
    /// without reading the date again (what [`parse_fast`] gives for it).
    fn same_date(&self, b: &[u8]) -> Option<i64> {
        if !fixed_shape(b) {
            return None;
        }
        let (date, day) = self.dates[date_slot(b)]?;
        if b[..10] != date {
            return None;
        }
        let two = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
        let (h, mi, s) = (two(11), two(14), two(17));
        if h > 23 || mi > 59 || s > 59 {
            return None;
        }
        Some(day * DAY_MS + i64::from(h * 3600 + mi * 60 + s) * 1000)
    }

    fn parse_configured(&mut self, text: &str) -> Option<i64> {
        for i in 0..self.formats.len() {
            let f = &self.formats[i];
            if let Ok(dt) = DateTime::parse_from_str(text, f) {
                let offset_ok = dt.offset().local_minus_utc().abs() <= MAX_OFFSET_SECS;
                return (offset_ok && YEARS.contains(&dt.year())).then(|| dt.timestamp_millis());
            }
            if let Ok(n) = NaiveDateTime::parse_from_str(text, f) {
                return YEARS.contains(&n.year()).then(|| self.local_to_instant(n));
            }
            if let Ok(d) = NaiveDate::parse_from_str(text, f) {
                return YEARS.contains(&d.year()).then(|| self.local_midnight(d));
            }
        }
        None
    }

    /// Parses a date (or a timestamp, keeping its local date) for `restock_eta`.
    pub fn parse_date(&mut self, text: &str) -> Option<NaiveDate> {
        let ms = self.parse(text)?;
        Some(self.local_naive(ms).date())
    }

    /// The instant of local midnight starting `date` (DST rules applied).
    pub fn local_midnight(&mut self, date: NaiveDate) -> i64 {
        self.local_to_instant(date.and_time(NaiveTime::MIN))
    }

    /// The instant of a local wall-clock time: a time in a DST gap moves forward by the
    /// gap; an ambiguous time takes the earlier instant.
    pub fn local_to_instant(&mut self, naive: NaiveDateTime) -> i64 {
        self.local_naive_ms_to_instant(naive.and_utc().timestamp_millis())
    }

    fn local_naive_ms_to_instant(&mut self, naive_ms: i64) -> i64 {
        let day = naive_ms.div_euclid(DAY_MS);
        let slot = (day.rem_euclid(CACHE as i64)) as usize;
        let key = day as i32;
        let (k, off) = self.day_cache[slot];
        if k == key && off != MIXED {
            return naive_ms - i64::from(off) * 1000;
        }
        if k != key {
            let off = self.day_offset(day);
            self.day_cache[slot] = (key, off);
            if off != MIXED {
                return naive_ms - i64::from(off) * 1000;
            }
        }
        self.slow_local(naive_ms)
    }

    /// The offset valid for the whole local day `day`, or [`MIXED`] when it changes.
    fn day_offset(&self, day: i64) -> i32 {
        let start = naive_from_ms(day * DAY_MS);
        let end = naive_from_ms(day * DAY_MS + DAY_MS - 1000);
        match (
            self.tz.offset_from_local_datetime(&start),
            self.tz.offset_from_local_datetime(&end),
        ) {
            (LocalResult::Single(a), LocalResult::Single(b)) => {
                let (a, b) = (a.fix().local_minus_utc(), b.fix().local_minus_utc());
                if a == b { a } else { MIXED }
            }
            _ => MIXED,
        }
    }

    fn slow_local(&self, naive_ms: i64) -> i64 {
        let naive = naive_from_ms(naive_ms);
        match self.tz.from_local_datetime(&naive) {
            LocalResult::Single(t) => t.timestamp_millis(),
            LocalResult::Ambiguous(a, b) => a.timestamp_millis().min(b.timestamp_millis()),
            LocalResult::None => {
                // In a gap: use the offset in force just before it, which moves the wall
                // clock forward by the length of the gap.
                let mut probe = naive;
                for _ in 0..48 {
                    probe -= chrono::Duration::minutes(30);
                    if let LocalResult::Single(t) = self.tz.from_local_datetime(&probe) {
                        let off = t.offset().fix().local_minus_utc();
                        return naive_ms - i64::from(off) * 1000;
                    }
                }
                naive_ms
            }
        }
    }

    /// UTC offset (seconds) in force at instant `ms`.
    pub fn offset_at(&mut self, ms: i64) -> i32 {
        let q = ms.div_euclid(900_000);
        let slot = (q.rem_euclid(CACHE as i64)) as usize;
        if self.utc_cache[slot].0 == q {
            return self.utc_cache[slot].1;
        }
        let utc = naive_from_ms(ms);
        let off = self
            .tz
            .offset_from_utc_datetime(&utc)
            .fix()
            .local_minus_utc();
        // Only cache when the whole quarter-hour has the same offset.
        let end = naive_from_ms(q * 900_000 + 899_999);
        let start = naive_from_ms(q * 900_000);
        let same = self
            .tz
            .offset_from_utc_datetime(&end)
            .fix()
            .local_minus_utc()
            == self
                .tz
                .offset_from_utc_datetime(&start)
                .fix()
                .local_minus_utc();
        if same {
            self.utc_cache[slot] = (q, off);
        }
        off
    }

    /// The local wall-clock time of instant `ms`.
    pub fn local_naive(&mut self, ms: i64) -> NaiveDateTime {
        let off = self.offset_at(ms);
        naive_from_ms(ms + i64::from(off) * 1000)
    }

    /// The local calendar day number (days since 1970-01-01) of instant `ms`.
    pub fn local_day(&mut self, ms: i64) -> i64 {
        let off = self.offset_at(ms);
        (ms + i64::from(off) * 1000).div_euclid(DAY_MS)
    }

    /// RFC 3339 with the local offset, e.g. `2026-11-23T00:00:00+08:00`.
    pub fn rfc3339(&self, ms: i64) -> String {
        match self.tz.timestamp_millis_opt(ms) {
            LocalResult::Single(t) => t.fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false),
            _ => String::new(),
        }
    }

    /// `YYYY-MM-DD HH:MM` in local time, for people.
    pub fn short(&mut self, ms: i64) -> String {
        self.local_naive(ms).format("%Y-%m-%d %H:%M").to_string()
    }
}

/// Checks a `timestamp_formats` pattern: it must be valid chrono `strftime` and able to
/// read back a date it wrote (`%H:%M` alone never yields a date). The error says why.
pub fn check_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|i| matches!(i, Item::Error)) {
        return Err(crate::tr!("ts.bad_pattern"));
    }
    let sample = chrono::FixedOffset::east_opt(8 * 3600)
        .and_then(|o| o.with_ymd_and_hms(2026, 11, 20, 14, 30, 5).single())
        .ok_or_else(|| crate::tr!("ts.cannot_check"))?;
    let text = sample.format(format).to_string();
    let reads = DateTime::parse_from_str(&text, format).is_ok()
        || NaiveDateTime::parse_from_str(&text, format).is_ok()
        || NaiveDate::parse_from_str(&text, format).is_ok();
    if reads {
        Ok(())
    } else {
        Err(crate::tr!("ts.no_date"))
    }
}

/// The naive date-time `ms` milliseconds after 1970-01-01 00:00.
pub fn naive_from_ms(ms: i64) -> NaiveDateTime {
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .naive_utc()
}

/// The calendar date of a day number (days since 1970-01-01).
pub fn date_of_day(day: i64) -> NaiveDate {
    naive_from_ms(day * DAY_MS).date()
}

/// The day number (days since 1970-01-01) of a calendar date.
pub fn day_of_date(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
        .div_euclid(DAY_MS)
}

/// An ISO week, e.g. 2026-W47.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    /// ISO week-numbering year.
    pub year: i32,
    /// Week 1–53.
    pub week: u32,
}

impl IsoWeek {
    /// Parses `2026-W47` (also `2026W47`, `2026-w47`).
    pub fn parse(text: &str) -> Option<IsoWeek> {
        let t = text.trim().to_ascii_uppercase();
        let (y, w) = t.split_once('W')?;
        let year: i32 = y.trim_end_matches('-').parse().ok()?;
        let week: u32 = w.parse().ok()?;
        NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        Some(IsoWeek { year, week })
    }

    /// The ISO week containing `date`.
    pub fn of(date: NaiveDate) -> IsoWeek {
        let w = date.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    /// The Monday of this week.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, chrono::Weekday::Mon).unwrap_or_default()
    }

    /// The week `n` weeks earlier (negative: later).
    pub fn minus(self, n: i64) -> IsoWeek {
        IsoWeek::of(self.monday() - chrono::Duration::days(7 * n))
    }

    /// Day number of this week's Monday.
    pub fn monday_day(self) -> i64 {
        day_of_date(self.monday())
    }
}

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// A timestamp read by the fast path, before the timezone is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Parts {
    y: i32,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    ms: u32,
    offset_secs: Option<i32>,
}

impl Parts {
    /// Milliseconds of the naive date-time, validating every field.
    fn naive_ms(&self) -> Option<i64> {
        let leap = (self.y % 4 == 0 && self.y % 100 != 0) || self.y % 400 == 0;
        let days_in_month = match self.mo {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if self.d == 0 || self.d > days_in_month || self.h > 23 || self.mi > 59 || self.s > 59 {
            return None;
        }
        if !YEARS.contains(&self.y) {
            return None;
        }
        let days = days_from_civil(self.y, self.mo, self.d);
        let secs = i64::from(self.h * 3600 + self.mi * 60 + self.s);
        Some((days * 86_400 + secs) * 1000 + i64::from(self.ms))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads up to `max` digits starting at `*i`; `None` when there is none.
fn digits(b: &[u8], i: &mut usize, max: usize) -> Option<u32> {
    let start = *i;
    let mut v: u32 = 0;
    while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
        v = v * 10 + u32::from(b[*i] - b'0');
        *i += 1;
    }
    (*i > start).then_some(v)
}

/// Slots of the date memo: one per two-digit day of the month as written (`00`–`99`:
/// an impossible day gets a slot too, and is refused by the full read).
const DATE_SLOTS: usize = 100;

/// The memo slot of a [`fixed_shape`] value: its day of the month.
fn date_slot(b: &[u8]) -> usize {
    usize::from(b[8] - b'0') * 10 + usize::from(b[9] - b'0')
}

/// True for exactly `YYYY-MM-DD HH:MM:SS` (or with `/` in the date, `T` before the
/// time): the shape of nearly every export's times.
fn fixed_shape(b: &[u8]) -> bool {
    b.len() == 19
        && matches!(b[4], b'-' | b'/')
        && b[7] == b[4]
        && matches!(b[10], b' ' | b'T' | b't')
        && b[13] == b':'
        && b[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` (1- or 2-digit month and day), optionally followed by
/// ` ` or `T`, `H[H]:MM[:SS[.fff]]` and an offset (`Z`, `+08:00`, `+0800`).
fn parse_fast(b: &[u8]) -> Option<Parts> {
    let mut i = 0;
    let y = digits(b, &mut i, 4)?;
    if i != 4 {
        return None;
    }
    let sep = *b.get(i)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    i += 1;
    let mo = digits(b, &mut i, 2)?;
    if b.get(i) != Some(&sep) {
        return None;
    }
    i += 1;
    let d = digits(b, &mut i, 2)?;
    let mut p = Parts {
        y: y as i32,
        mo,
        d,
        h: 0,
        mi: 0,
        s: 0,
        ms: 0,
        offset_secs: None,
    };
    if i == b.len() {
        return Some(p);
    }
    if b[i] != b' ' && b[i] != b'T' && b[i] != b't' {
        return None;
    }
    i += 1;
    parse_time(b, &mut i, &mut p)?;
    (i == b.len()).then_some(p)
}

fn parse_time(b: &[u8], i: &mut usize, p: &mut Parts) -> Option<()> {
    p.h = digits(b, i, 2)?;
    if b.get(*i) != Some(&b':') {
        return None;
    }
    *i += 1;
    let start = *i;
    p.mi = digits(b, i, 2)?;
    if *i - start != 2 {
        return None;
    }
    if b.get(*i) == Some(&b':') {
        *i += 1;
        let start = *i;
        p.s = digits(b, i, 2)?;
        if *i - start != 2 {
            return None;
        }
        if b.get(*i) == Some(&b'.') {
            *i += 1;
            let start = *i;
            let frac = digits(b, i, 3)?;
            let n = *i - start;
            p.ms = frac * 10u32.pow(3 - n as u32);
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
        }
    }
    parse_offset(b, i, p)
}

fn parse_offset(b: &[u8], i: &mut usize, p: &mut Parts) -> Option<()> {
    match b.get(*i) {
        None => Some(()),
        Some(b'Z' | b'z') => {
            *i += 1;
            p.offset_secs = Some(0);
            Some(())
        }
        Some(&c @ (b'+' | b'-')) => {
            *i += 1;
            let start = *i;
            let hh = digits(b, i, 2)?;
            if *i - start != 2 {
                return None;
            }
            if b.get(*i) == Some(&b':') {
                *i += 1;
            }
            let mm = digits(b, i, 2)?;
            let secs = (hh * 3600 + mm * 60) as i32;
            if mm > 59 || secs > MAX_OFFSET_SECS {
                return None;
            }
            p.offset_secs = Some(if c == b'-' { -secs } else { secs });
            Some(())
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(tz: &str) -> Clock {
        Clock::new(tz.parse().unwrap(), &[])
    }

    // The built-in shapes must all land on the same instant.
    #[test]
    fn accepts_builtin_shapes() {
        let mut c = clock("Asia/Shanghai");
        let a = c.parse("2026-11-20 10:00").unwrap();
        assert_eq!(c.parse("2026/11/20 10:00:00"), Some(a));
        assert_eq!(c.parse("2026-11-20T02:00:00Z"), Some(a));
        assert_eq!(c.parse("2026-11-20T10:00:00+08:00"), Some(a));
        assert_eq!(c.parse("2026/1/5"), c.parse("2026-01-05 00:00"));
        assert_eq!(c.parse("2026-13-01"), None);
        assert_eq!(c.parse("yesterday"), None);
        assert_eq!(c.rfc3339(a), "2026-11-20T10:00:00+08:00");
    }

    // Reading a time on a date read before (without reading the date again) gives what
    // a fresh clock gives, for good and bad times, across dates and a DST change.
    #[test]
    fn same_date_shortcut_matches_a_full_read() {
        let values = [
            "2026-11-20 10:00:00",
            "2026-11-20 23:59:59",
            "2026-11-20 24:00:00",
            "2026-11-20 10:60:00",
            "2026-11-20T08:30:15",
            "2026/11/20 08:30:15",
            "2026-11-20 08:30:15.5",
            "2026-11-20 08:30:15Z",
            "2026-11-21 00:00:01",
            "2026-02-29 10:00:00",
            "2026-03-08 02:30:00",
            "2026-03-08 03:30:00",
            "2026-11-01 01:30:00",
            "2026-11-01 01:30:00",
            "2026-11-20 1a:00:00",
            "2026-11-99 10:00:00",
            "2026-10-20 10:00:00",
            "2026-11-20 10:00:01",
        ];
        for tz in ["Asia/Shanghai", "America/New_York"] {
            let mut reused = clock(tz);
            for v in values {
                assert_eq!(reused.parse(v), clock(tz).parse(v), "{tz} {v}");
            }
        }
    }

    // §10: a gap moves forward by the gap, an overlap takes the earlier instant.
    #[test]
    fn dst_gap_and_overlap_follow_the_contract() {
        let mut c = clock("America/Sao_Paulo");
        // 2018-11-04 00:00 does not exist (clocks jump to 01:00 -02:00).
        let gap = c.parse("2018-11-04 00:30").unwrap();
        assert_eq!(c.rfc3339(gap), "2018-11-04T01:30:00-02:00");
        // 2018-02-17 23:30 happens twice (-02:00, then -03:00): take the first.
        let twice = c.parse("2018-02-17 23:30").unwrap();
        assert_eq!(c.rfc3339(twice), "2018-02-17T23:30:00-02:00");
    }

    // A US Excel re-save needs a configured format.
    #[test]
    fn configured_formats_are_tried_after_builtins() {
        let mut c = Clock::new(chrono_tz::Asia::Shanghai, &["%m/%d/%Y %H:%M".into()]);
        assert_eq!(c.parse("11/20/2026 10:00"), c.parse("2026-11-20 10:00"));
    }

    // Weeks are named and stepped the ISO way.
    #[test]
    fn iso_weeks_parse_and_step() {
        let w = IsoWeek::parse("2026-W47").unwrap();
        assert_eq!(w.monday(), NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(w.minus(47).to_string(), "2025-W52");
        assert_eq!(IsoWeek::parse("2026-W60"), None);
    }

    // The hand-written calendar arithmetic agrees with chrono, leap days included.
    #[test]
    fn civil_days_match_chrono() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2024, 2, 29),
            (2026, 11, 23),
            (1900, 3, 1),
            (2000, 12, 31),
        ] {
            let want = day_of_date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert_eq!(days_from_civil(y, m, d), want);
        }
        let mut c = clock("UTC");
        assert_eq!(c.parse("2025-02-29"), None);
        assert_eq!(c.parse("2026-11-20 24:00"), None);
    }

    // A broken pattern is refused with a reason, a useful one accepted.
    #[test]
    fn checks_configured_formats() {
        assert!(check_format("%m/%d/%Y %H:%M").is_ok());
        assert!(check_format("%Y年%m月%d日").is_ok());
        assert!(
            check_format("%Y-%m-%d %Q")
                .unwrap_err()
                .contains("not a valid")
        );
        assert!(
            check_format("%H:%M")
                .unwrap_err()
                .contains("never read a date")
        );
    }

    // Year 0 and impossible offsets are broken values, not instants (issue 14 item 13).
    #[test]
    fn refuses_year_zero_and_impossible_offsets() {
        let mut c = clock("Asia/Shanghai");
        assert_eq!(c.parse("0000-01-01 10:00"), None);
        assert_eq!(c.parse("2026-11-20T10:00:00+99:99"), None);
        assert_eq!(c.parse("2026-11-20T10:00:00+14:30"), None);
        assert!(c.parse("2026-11-20T10:00:00+14:00").is_some());
        assert!(c.parse("2026-11-20T10:00:00-09:30").is_some());
        let mut f = Clock::new(chrono_tz::Asia::Shanghai, &["%Y-%m-%d %H:%M %z".into()]);
        assert_eq!(f.parse("2026-11-20 10:00 +2300"), None);
        assert_eq!(f.parse("0001-11-20 10:00 +0800"), None);
    }
}
