//! Excel damage: what opening an export in Excel and saving it again does to the data.
//!
//! Excel keeps 15 significant digits and shows long numbers in scientific notation, so
//! a 19-digit order number becomes `6.93812E+18` (or `6938120000000000000` when the
//! column was formatted as a number): different orders then share one id and the report
//! silently merges them. It also turns times into serial numbers (`46342.42`) when a
//! column is reformatted, writes `######` for a column too narrow to show its dates,
//! and drops the leading zeros of codes such as `00123`. Each is an error that names
//! Excel and says how to get the column back as text, never a report built on damaged
//! keys.

use super::problem::Kind;

/// `6.93812E+18`, `6E+18`: the way Excel shows a number with more than 11 digits.
pub fn is_scientific(value: &str) -> bool {
    let b = value.as_bytes();
    let Some(e) = b.iter().position(|&c| c == b'E' || c == b'e') else {
        return false;
    };
    let (mantissa, exp) = (&b[..e], &b[e + 1..]);
    let mantissa_ok = match mantissa {
        [d] => d.is_ascii_digit(),
        [d, b'.', rest @ ..] => {
            d.is_ascii_digit() && !rest.is_empty() && rest.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    };
    let Some(digits) = exp.strip_prefix(b"+") else {
        return false;
    };
    mantissa_ok
        && digits.len() >= 2
        && digits.iter().all(u8::is_ascii_digit)
        && std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse::<u32>().ok())
            .is_some_and(|n| n >= 11)
}

/// `######`: what Excel writes for a cell too narrow to show its value.
pub fn is_hashes(value: &str) -> bool {
    value.len() >= 3 && value.bytes().all(|c| c == b'#')
}

/// An Excel serial date-time (`46342` or `46342.4166`: days since 1899-12-30), between
/// 1954 and 2119, as the local date-time it stands for.
pub fn serial_date(value: &str) -> Option<String> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if int.len() != 5
        || !int.bytes().all(|c| c.is_ascii_digit())
        || !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let serial: f64 = value.parse().ok()?;
    if !(20_000.0..80_000.0).contains(&serial) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let secs = (serial * 86_400.0).round() as i64;
    let at = base + chrono::Duration::seconds(secs);
    Some(at.format("%Y-%m-%d %H:%M").to_string())
}

/// What is wrong with an id value, if Excel damaged it.
pub fn id_damage(value: &str) -> Option<Kind> {
    if is_scientific(value) {
        Some(Kind::ExcelScientific)
    } else if is_hashes(value) {
        Some(Kind::ExcelHashes)
    } else {
        None
    }
}

/// What is wrong with a time value that cannot be read, if Excel damaged it, and a
/// note for the message (the date a serial number stands for).
pub fn time_damage(value: &str) -> Option<(Kind, String)> {
    if is_hashes(value) {
        return Some((Kind::ExcelHashes, String::new()));
    }
    serial_date(value).map(|d| (Kind::ExcelSerialDate, d))
}

/// Watches one id column for digits lost past the 15th: Excel writes a 19-digit id as
/// its first 15 digits followed by zeros. One such id can be real; when every long id
/// of a column (at least two) ends that way, the column was damaged.
#[derive(Debug, Clone, Default)]
pub struct LostDigits {
    long: u64,
    zero_tail: u64,
    /// First lines with a zero-tailed id (at most 5).
    pub first: Vec<usize>,
    /// One example value.
    pub example: String,
}

impl LostDigits {
    /// Looks at one id value on `line`.
    pub fn observe(&mut self, value: &str, line: usize) {
        let b = value.as_bytes();
        if b.len() < 16 || !b.iter().all(u8::is_ascii_digit) {
            return;
        }
        self.long += 1;
        if b[15..].iter().all(|&c| c == b'0') {
            self.zero_tail += 1;
            if self.first.len() < 5 {
                self.first.push(line);
            }
            if self.example.is_empty() {
                self.example = value.to_string();
            }
        }
    }

    /// Appends what was watched in later rows (the next chunk of a file read in
    /// parallel): the result is what observing them after these would give.
    pub fn append(&mut self, later: LostDigits) {
        self.long += later.long;
        self.zero_tail += later.zero_tail;
        self.first.extend(later.first);
        self.first.truncate(5);
        if self.example.is_empty() {
            self.example = later.example;
        }
    }

    /// True when the column looks damaged.
    pub fn damaged(&self) -> bool {
        self.long >= 2 && self.zero_tail == self.long
    }

    /// Number of damaged ids.
    pub fn count(&self) -> u64 {
        self.zero_tail
    }
}

/// The stock SKU that `order_sku` would be had Excel not dropped leading zeros (in
/// either file), e.g. order `123` ↔ stock `00123`.
pub fn leading_zero_twin<'a>(
    order_sku: &str,
    stock_skus: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    if order_sku.is_empty() || !order_sku.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let bare = order_sku.trim_start_matches('0');
    stock_skus.into_iter().find(|s| {
        *s != order_sku
            && s.bytes().all(|c| c.is_ascii_digit())
            && s.trim_start_matches('0') == bare
            && (s.starts_with('0') || order_sku.starts_with('0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // What Excel writes for a 19-digit id, and what it does not look like.
    #[test]
    fn recognises_scientific_ids() {
        assert!(is_scientific("6.938E+18"));
        assert!(is_scientific("6.93812E+18"));
        assert!(is_scientific("6E+18"));
        assert!(!is_scientific("1E5"));
        assert!(!is_scientific("SKU-1E+20"));
        assert!(!is_scientific("6917926768823643751"));
        assert!(!is_scientific("2.5E+03"));
    }

    // Serial numbers name the date they stand for; ordinary numbers are not dates.
    #[test]
    fn recognises_serial_dates() {
        assert_eq!(serial_date("46342").as_deref(), Some("2026-11-16 00:00"));
        assert_eq!(serial_date("46342.5").as_deref(), Some("2026-11-16 12:00"));
        assert_eq!(serial_date("12"), None);
        assert_eq!(serial_date("2026-11-16"), None);
        assert!(is_hashes("########"));
        assert!(!is_hashes("#1"));
    }

    // One zero-tailed id can be real; a whole column of them is Excel damage.
    #[test]
    fn lost_digits_need_a_whole_column() {
        let mut one = LostDigits::default();
        one.observe("6938123456789010000", 2);
        one.observe("6938123456789012345", 3);
        assert!(!one.damaged());
        let mut all = LostDigits::default();
        all.observe("6938123456789010000", 2);
        all.observe("6938123456789020000", 3);
        assert!(all.damaged());
        assert_eq!(all.first, vec![2, 3]);
    }

    // A SKU that lost its leading zeros is matched to its twin in the stock file.
    #[test]
    fn finds_leading_zero_twins() {
        let stock = ["00123", "A1"];
        assert_eq!(
            leading_zero_twin("123", stock.iter().copied()),
            Some("00123")
        );
        assert_eq!(leading_zero_twin("124", stock.iter().copied()), None);
        assert_eq!(leading_zero_twin("A1", stock.iter().copied()), None);
    }
}
