//! The fast path for the timestamp shapes that exports actually write —
//! `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DD HH:MM` (also with `/` in the date or `T` before
//! the time) — read by position, with the day number of the last date remembered
//! (consecutive rows mostly share a date).
//!
//! It returns the *naive* local time; the timezone is applied by `Clock`. Every other
//! text, and any value out of range, gets `None` and goes through `Clock`'s general
//! parser, which decides; so this adds speed, never a new accepted shape.

use super::timestamp::DAY_MS;

/// The last date read and its day number.
#[derive(Debug, Clone, Default)]
pub struct FixedTime {
    last: Option<([u8; 10], i64)>,
}

impl FixedTime {
    /// Milliseconds since 1970-01-01 00:00 of the naive date-time written in `b`, when
    /// `b` has one of the fixed shapes and a valid value.
    pub fn parse(&mut self, b: &[u8]) -> Option<i64> {
        if b.len() != 16 && b.len() != 19 {
            return None;
        }
        let day = self.day_of(&b[..10])?;
        if !matches!(b[10], b' ' | b'T' | b't') || b[13] != b':' {
            return None;
        }
        let h = two(b[11], b[12])?;
        let mi = two(b[14], b[15])?;
        let s = if b.len() == 19 {
            if b[16] != b':' {
                return None;
            }
            two(b[17], b[18])?
        } else {
            0
        };
        if h > 23 || mi > 59 || s > 59 {
            return None;
        }
        Some(day * DAY_MS + i64::from(h * 3600 + mi * 60 + s) * 1000)
    }

    /// The day number of `YYYY-MM-DD` or `YYYY/MM/DD`.
    fn day_of(&mut self, date: &[u8]) -> Option<i64> {
        if let Some((last, day)) = self.last
            && last == date
        {
            return Some(day);
        }
        let sep = date[4];
        if (sep != b'-' && sep != b'/') || date[7] != sep {
            return None;
        }
        let y = two(date[0], date[1])? * 100 + two(date[2], date[3])?;
        let (m, d) = (two(date[5], date[6])?, two(date[8], date[9])?);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days_in_month = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if d == 0 || d > days_in_month {
            return None;
        }
        let day = days_from_civil(i64::from(y), i64::from(m), i64::from(d));
        self.last = date.try_into().ok().map(|d| (d, day));
        Some(day)
    }
}

/// The number written by two ASCII digits.
fn two(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = y - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    /// chrono's reading of the same text, as naive milliseconds (without chrono's leap
    /// second `:60`, which delaybook does not accept).
    fn chrono_ms(text: &str) -> Option<i64> {
        use chrono::Timelike;
        let text = text.replacen('/', "-", 2).replacen(['T', 't'], " ", 1);
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
            .filter(|n| n.nanosecond() < 1_000_000_000)
            .map(|n| n.and_utc().timestamp_millis())
    }

    // Agrees with chrono on valid values, and passes everything else on (None).
    #[test]
    fn agrees_with_chrono() {
        let mut f = FixedTime::default();
        let mut rng = crate::sample::Rng::new(3);
        let mut samples = vec![
            "2026-11-17 10:05:09".to_string(),
            "2026/11/17 10:05".into(),
            "2026-11-17T23:59:59".into(),
            "2024-02-29 00:00".into(),
            "2025-02-29 00:00".into(),
            "2026-13-01 00:00".into(),
            "2026-11-31 10:00".into(),
            "2026-11-17 24:00".into(),
            "2026-11-17 10:60".into(),
            "2026-11-17 10:05:60".into(),
            "2026-11-17 1:05:09".into(),
            "2026-11-17+10:05:09".into(),
            "2026-11/17 10:05".into(),
            "0000-01-01 00:00".into(),
        ];
        for _ in 0..20_000 {
            let d = |rng: &mut crate::sample::Rng, n: u64| rng.next_u64() % n;
            samples.push(format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                1900 + d(&mut rng, 300),
                d(&mut rng, 14),
                d(&mut rng, 33),
                d(&mut rng, 26),
                d(&mut rng, 62),
                d(&mut rng, 62)
            ));
        }
        for s in &samples {
            let want = chrono_ms(s).filter(|_| !s.contains('+'));
            let got = f.parse(s.as_bytes());
            if let Some(g) = got {
                assert_eq!(Some(g), want, "{s}");
            } else {
                // Passing on is allowed only for shapes outside the fast path.
                let fixed_shape = s.len() == 19 && s.as_bytes()[13] == b':';
                assert!(want.is_none() || !fixed_shape, "{s}");
            }
        }
    }
}
